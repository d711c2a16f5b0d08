import type { MessageStatus, StoredMessage } from '../../domain/message.ts';
import type { MessageRepository } from '../repositories/messages.ts';
import { messageId } from '../shared/message-ids.ts';
import { messageFromRow, noMessages } from '../shared/rows.ts';
import type { Db } from './db.ts';

/** Due at $1: queued and due, or sending under a lease that ran out (its sender died). */
const DUE = `status IN ('queued', 'sending') AND ((status = 'queued' AND next_attempt_at <= $1) OR (status = 'sending' AND lease_until < $1))`;
/** Claimed by id, a queued message is taken whatever its due time (its sender's first attempt). */
const CLAIMABLE = `status = 'queued' OR (status = 'sending' AND lease_until < $1)`;
const TAKE = `status = 'sending', lease_until = $2, attempts = m.attempts + 1, updated_at = $1`;

const byDue = (a: StoredMessage, b: StoredMessage) => a.nextAttemptAt - b.nextAttemptAt;

export function messages(db: Db): MessageRepository {
  return {
    enqueue: async (m) => {
      const id = messageId(m.createdAt);
      await db.run(`INSERT INTO messages (id, pool_id, user_id, username, medium, channel, destination, subject, body, from_address, reply_to, code,
                      code_purpose, code_attribute, code_hmac, status, attempts, last_error, next_attempt_at, lease_until, created_at, updated_at, sent_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)`,
        [id, m.poolId, m.userId, m.username, m.medium, m.channel, m.destination, m.subject, m.body, m.from, m.replyTo, m.code,
          m.codeKey?.purpose ?? null, m.codeKey?.attribute ?? null, m.codeHmac, m.status, m.attempts, m.lastError, m.nextAttemptAt, m.leaseUntil,
          m.createdAt, m.updatedAt, m.sentAt]);
      return id;
    },
    get: async (id) => {
      const r = await db.one(`SELECT * FROM messages WHERE id = $1${db.lock}`, [id]);
      return r && messageFromRow(r);
    },
    claim: async ({ id, now, leaseMs, limit }) => {
      if (id !== undefined) {
        // A concurrent claimer waits for the row lock, then finds the condition no longer true.
        const rows = await db.rows(`UPDATE messages m SET ${TAKE} WHERE id = $3 AND (${CLAIMABLE}) RETURNING m.*`, [now, now + leaseMs, id]);
        return rows.map(messageFromRow);
      }
      // SKIP LOCKED: dispatchers on several instances each take different due messages, none waiting for another's.
      const rows = await db.rows(`WITH due AS (SELECT seq FROM messages WHERE ${DUE} ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
                                  UPDATE messages m SET ${TAKE} FROM due WHERE m.seq = due.seq RETURNING m.*`, [now, now + leaseMs, limit]);
      return rows.map(messageFromRow).sort(byDue);
    },
    finish: async (id, o) => {
      const r = o.redact;
      await db.run(`UPDATE messages SET status = $1, updated_at = $2, last_error = COALESCE($3, last_error), lease_until = NULL,
                      next_attempt_at = COALESCE($4, next_attempt_at), sent_at = CASE WHEN $1 = 'sent' THEN $2 ELSE sent_at END,
                      body = CASE WHEN $6::boolean THEN $7 ELSE body END, subject = CASE WHEN $6::boolean THEN $8 ELSE subject END,
                      destination = CASE WHEN $6::boolean THEN $9 ELSE destination END, code = CASE WHEN $6::boolean THEN NULL ELSE code END
                    WHERE id = $5`, [o.status, o.now, o.error ?? null, o.nextAttemptAt ?? null, id, r !== undefined, r?.body ?? null, r?.subject ?? null, r?.destination ?? null]);
    },
    list: async (f) => {
      const where: string[] = [];
      const args: (string | number)[] = [];
      const add = (sql: string, v: string | number | undefined) => v !== undefined && (args.push(v), where.push(`${sql} $${args.length}`));
      add('pool_id =', f.poolId);
      add('username =', f.username);
      add('destination =', f.destination);
      add('medium =', f.medium);
      add('created_at >=', f.since);
      args.push(f.limit);
      const rows = await db.rows(`SELECT * FROM messages ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT $${args.length}`, args);
      return rows.map(messageFromRow);
    },
    countByStatus: async () => {
      const counts = noMessages();
      for (const r of await db.rows('SELECT status, count(*) AS n FROM messages GROUP BY status')) counts[r.status as MessageStatus] = r.n as number;
      return counts;
    },
    nextDueAt: async () => {
      const r = await db.one(`SELECT min(CASE WHEN status = 'queued' THEN next_attempt_at ELSE lease_until END) AS t FROM messages WHERE status IN ('queued', 'sending')`);
      return (r?.t as number | null) ?? undefined;
    },
    // In batches from the oldest, each its own short statement: no long lock on a big outbox.
    purgeFinished: async (before) => {
      let removed = 0;
      for (;;) {
        const n = await db.run(`DELETE FROM messages WHERE seq IN (SELECT seq FROM messages WHERE status IN ('sent', 'failed', 'abandoned') AND updated_at < $1 ORDER BY seq LIMIT 5000)`, [before]);
        removed += n;
        if (n < 5000) return removed;
      }
    },
  };
}
