import { messageFromRow, noMessages } from '../rows.ts';
import type { MessageRepository, MessageStatus } from '../types.ts';
import { sweep, type Exec, type Row, type Statements } from './statements.ts';

/** Messages a purge looks at in one statement: deleting one touches three B-trees, so a slice of 500 holds the event loop a few milliseconds. */
export const PURGE_SLICE = 500;

const DUE = `status IN ('queued', 'sending') AND ((status = 'queued' AND next_attempt_at <= ?) OR (status = 'sending' AND lease_until < ?))`;
/** Claimed by id, a queued message is taken whatever its due time (its sender's first attempt). */
const CLAIMABLE = `status = 'queued' OR (status = 'sending' AND lease_until < ?)`;

export function messages(sql: Statements, exec: Exec): MessageRepository {
  const claimOne = (id: string, now: number, leaseMs: number, byId: boolean) =>
    (byId
      ? sql.get(`UPDATE messages SET status = 'sending', lease_until = ?, attempts = attempts + 1, updated_at = ? WHERE id = ? AND (${CLAIMABLE}) RETURNING *`).get(now + leaseMs, now, id, now)
      : sql.get(`UPDATE messages SET status = 'sending', lease_until = ?, attempts = attempts + 1, updated_at = ? WHERE id = ? AND (${DUE}) RETURNING *`).get(now + leaseMs, now, id, now, now)) as Row | undefined;

  return {
    enqueue: (m) =>
      exec(() => {
        sql.get(`INSERT INTO messages (id, pool_id, user_id, username, medium, channel, destination, subject, body, from_address, reply_to, code,
                   code_purpose, code_attribute, code_hmac, status, attempts, last_error, next_attempt_at, lease_until, created_at, updated_at, sent_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(m.id, m.poolId, m.userId, m.username, m.medium, m.channel, m.destination, m.subject, m.body, m.from, m.replyTo, m.code,
            m.codeKey?.purpose ?? null, m.codeKey?.attribute ?? null, m.codeHmac, m.status, m.attempts, m.lastError, m.nextAttemptAt, m.leaseUntil,
            m.createdAt, m.updatedAt, m.sentAt);
      }),
    get: (id) =>
      exec(() => {
        const r = sql.get('SELECT * FROM messages WHERE id = ?').get(id) as Row | undefined;
        return r && messageFromRow(r);
      }),
    claim: ({ id, now, leaseMs, limit }) =>
      exec(() => {
        if (id !== undefined) {
          const r = claimOne(id, now, leaseMs, true);
          return r ? [messageFromRow(r)] : [];
        }
        const due = sql.get(`SELECT id FROM messages WHERE ${DUE} ORDER BY next_attempt_at LIMIT ?`).all(now, now, limit) as { id: string }[];
        return due.map((d) => claimOne(d.id, now, leaseMs, false)).filter((r): r is Row => r !== undefined).map(messageFromRow);
      }),
    finish: (id, o) =>
      exec(() => {
        sql.get(`UPDATE messages SET status = ?, updated_at = ?, last_error = COALESCE(?, last_error), lease_until = NULL,
                   next_attempt_at = COALESCE(?, next_attempt_at), sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END,
                   body = COALESCE(?, body), code = CASE WHEN ? IS NULL THEN code ELSE NULL END
                 WHERE id = ?`)
          .run(o.status, o.now, o.error ?? null, o.nextAttemptAt ?? null, o.status, o.now, o.scrubbedBody ?? null, o.scrubbedBody ?? null, id);
      }),
    list: (f) =>
      exec(() => {
        const where: string[] = [];
        const args: (string | number)[] = [];
        if (f.poolId !== undefined) (where.push('pool_id = ?'), args.push(f.poolId));
        if (f.username !== undefined) (where.push('username = ?'), args.push(f.username));
        if (f.destination !== undefined) (where.push('destination = ?'), args.push(f.destination));
        if (f.medium !== undefined) (where.push('medium = ?'), args.push(f.medium));
        if (f.since !== undefined) (where.push('created_at >= ?'), args.push(f.since));
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
