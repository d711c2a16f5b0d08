import type { MessageStatus, NewMessage } from '../../domain/message.ts';
import type { MessageRepository } from '../repositories/messages.ts';
import { PER_MS, sequencedMessageId, seqOfMessageId } from '../shared/message-ids.ts';
import { messageFromRow, noMessages } from '../shared/rows.ts';
import { isUniqueViolation, sweep, type Exec, type Row, type Statements } from './statements.ts';

/** Messages a purge looks at in one statement: each slice is its own unit of work, so the event loop is never held for long. */
export const PURGE_SLICE = 500;

const DUE = `status IN ('queued', 'sending') AND ((status = 'queued' AND next_attempt_at <= ?) OR (status = 'sending' AND lease_until < ?))`;
/** Claimed by id, a queued message is taken whatever its due time (its sender's first attempt). */
const CLAIMABLE = `status = 'queued' OR (status = 'sending' AND lease_until < ?)`;

/** The number an outbox connection gave last, shared by its repositories in and out of transactions. */
export interface Numbering {
  last: number;
}

/** The outbox's last message number (0 when empty). */
export const lastSeq = (sql: Statements): number => (sql.get('SELECT max(seq) AS last FROM messages').get() as { last: number | null }).last ?? 0;

export function messages(sql: Statements, exec: Exec, numbering: Numbering): MessageRepository {
  // A message is found by the number its id stands for (the table's key; there is no index of ids),
  // and the whole id compared too. An id that stands for no number names no message.
  const claimOne = (seq: number, id: string | undefined, now: number, leaseMs: number) =>
    (id !== undefined
      ? sql.get(`UPDATE messages SET status = 'sending', lease_until = ?, attempts = attempts + 1, updated_at = ? WHERE seq = ? AND id = ? AND (${CLAIMABLE}) RETURNING *`).get(now + leaseMs, now, seq, id, now)
      : sql.get(`UPDATE messages SET status = 'sending', lease_until = ?, attempts = attempts + 1, updated_at = ? WHERE seq = ? AND (${DUE}) RETURNING *`).get(now + leaseMs, now, seq, now, now)) as Row | undefined;

  const insert = (seq: number, id: string, m: NewMessage) =>
    sql.get(`INSERT INTO messages (seq, id, pool_id, user_id, username, medium, channel, destination, subject, body, from_address, reply_to, code,
               code_purpose, code_attribute, code_hmac, status, attempts, last_error, next_attempt_at, lease_until, created_at, updated_at, sent_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(seq, id, m.poolId, m.userId, m.username, m.medium, m.channel, m.destination, m.subject, m.body, m.from, m.replyTo, m.code,
        m.codeKey?.purpose ?? null, m.codeKey?.attribute ?? null, m.codeHmac, m.status, m.attempts, m.lastError, m.nextAttemptAt, m.leaseUntil,
        m.createdAt, m.updatedAt, m.sentAt);

  return {
    // Numbered after the last message this connection numbered (or found when the store opened),
    // from the creation millisecond on: so a number is not given twice, even once the outbox has
    // been emptied, unless the clock goes back past it. Another process on the file may have taken
    // the number since: the insert then fails on the key, and the number is taken after the file's
    // last. That is looked up only then: on every message, it cost half of what the index of ids did.
    enqueue: (m) =>
      exec(() => {
        for (let retried = false; ; retried = true) {
          const seq = Math.max(Math.floor(m.createdAt) * PER_MS, numbering.last + 1);
          const id = sequencedMessageId(seq);
          try {
            insert(seq, id, m);
          } catch (e) {
            if (retried || !isUniqueViolation(e)) throw e;
            numbering.last = lastSeq(sql);
            continue;
          }
          numbering.last = seq;
          return id;
        }
      }),
    get: (id) =>
      exec(() => {
        const seq = seqOfMessageId(id);
        const r = seq === undefined ? undefined : (sql.get('SELECT * FROM messages WHERE seq = ? AND id = ?').get(seq, id) as Row | undefined);
        return r && messageFromRow(r);
      }),
    claim: ({ id, now, leaseMs, limit }) =>
      exec(() => {
        if (id !== undefined) {
          const seq = seqOfMessageId(id);
          const r = seq === undefined ? undefined : claimOne(seq, id, now, leaseMs);
          return r ? [messageFromRow(r)] : [];
        }
        const due = sql.get(`SELECT seq FROM messages WHERE ${DUE} ORDER BY next_attempt_at LIMIT ?`).all(now, now, limit) as { seq: number }[];
        return due.map((d) => claimOne(d.seq, undefined, now, leaseMs)).filter((r): r is Row => r !== undefined).map(messageFromRow);
      }),
    finish: (id, o) =>
      exec(() => {
        const seq = seqOfMessageId(id);
        if (seq === undefined) return;
        const r = o.redact;
        sql.get(`UPDATE messages SET status = ?, updated_at = ?, last_error = COALESCE(?, last_error), lease_until = NULL,
                   next_attempt_at = COALESCE(?, next_attempt_at), sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END,
                   body = CASE WHEN ? THEN ? ELSE body END, subject = CASE WHEN ? THEN ? ELSE subject END,
                   destination = CASE WHEN ? THEN ? ELSE destination END, code = CASE WHEN ? THEN NULL ELSE code END
                 WHERE seq = ? AND id = ?`)
          .run(o.status, o.now, o.error ?? null, o.nextAttemptAt ?? null, o.status, o.now,
            r ? 1 : 0, r?.body ?? null, r ? 1 : 0, r?.subject ?? null, r ? 1 : 0, r?.destination ?? null, r ? 1 : 0, seq, id);
      }),
    list: (f) =>
      exec(() => {
        const where: string[] = [];
        const args: (string | number)[] = [];
        const and = (clause: string, ...values: (string | number)[]) => {
          where.push(clause);
          args.push(...values);
        };
        if (f.poolId !== undefined) and('pool_id = ?', f.poolId);
        if (f.username !== undefined) and('username = ?', f.username);
        if (f.destination !== undefined) and('destination = ?', f.destination);
        if (f.medium !== undefined) and('medium = ?', f.medium);
        // A message's number is at least its creation millisecond's first, so `since` bounds the
        // numbers too: the scan, newest first and through no index but the table's, stops there.
        if (f.since !== undefined) and('created_at >= ? AND seq >= ?', f.since, Math.floor(f.since) * PER_MS);
        const text = `SELECT * FROM messages ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
        return (sql.get(text).all(...args, f.limit) as Row[]).map(messageFromRow);
      }),
    countByStatus: () =>
      exec(() => {
        const counts = noMessages();
        for (const r of sql.get('SELECT status, count(*) AS n FROM messages GROUP BY status').all() as { status: MessageStatus; n: number }[]) counts[r.status] = r.n;
        return counts;
      }),
    nextDueAt: () =>
      exec(() => {
        const r = sql.get(`SELECT min(CASE WHEN status = 'queued' THEN next_attempt_at ELSE lease_until END) AS t FROM messages WHERE status IN ('queued', 'sending')`).get() as { t: number | null };
        return r.t ?? undefined;
      }),
    // From the oldest, a slice at a time, until a slice holds nothing made before `before`: messages
    // are in the order they were made, so what follows is newer still.
    purgeFinished: (before) =>
      sweep(exec, (after) => {
        const r = sql.get('SELECT max(seq) AS last, min(created_at) AS oldest FROM (SELECT seq, created_at FROM messages WHERE seq > ? ORDER BY seq LIMIT ?)')
          .get(after, PURGE_SLICE) as { last: number | null; oldest: number | null };
        if (r.last === null || r.oldest === null || r.oldest >= before) return undefined;
        const n = sql.get(`DELETE FROM messages WHERE seq > ? AND seq <= ? AND status IN ('sent', 'failed', 'abandoned') AND updated_at < ?`).run(after, r.last, before).changes;
        return { end: r.last, removed: Number(n) };
      }),
  };
}
