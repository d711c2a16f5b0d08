import type { CodeKey } from '../../domain/code.ts';
import type { CodeRepository } from '../repositories/codes.ts';
import { codeFromRow } from '../shared/rows.ts';
import { sweep, type Exec, type Row, type Statements } from './statements.ts';

const KEY = 'pool_id = ? AND user_id = ? AND purpose = ? AND attribute = ?';
/** Codes a purge looks at in one statement. */
export const PURGE_SLICE = 2000;
const keyArgs = (k: CodeKey) => [k.poolId, k.userId, k.purpose, k.attribute] as const;

export function codes(sql: Statements, exec: Exec): CodeRepository {
  return {
    put: (c) =>
      exec(() => {
        sql.get(`INSERT INTO codes (pool_id, user_id, purpose, attribute, hmac, key_id, created_at, expires_at, failed_attempts, consumed_at, invalidated_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                 ON CONFLICT (pool_id, user_id, purpose, attribute) DO UPDATE SET
                   hmac = excluded.hmac, key_id = excluded.key_id, created_at = excluded.created_at, expires_at = excluded.expires_at,
                   failed_attempts = excluded.failed_attempts, consumed_at = excluded.consumed_at, invalidated_at = excluded.invalidated_at`)
          .run(...keyArgs(c), c.hmac, c.keyId, c.createdAt, c.expiresAt, c.attempts, c.consumedAt, c.invalidatedAt);
      }),
    get: (k) =>
      exec(() => {
        const r = sql.get(`SELECT * FROM codes WHERE ${KEY}`).get(...keyArgs(k)) as Row | undefined;
        return r && codeFromRow(r);
      }),
    takeAttempt: (k, max, now, answer) =>
      exec(() => {
        const r = sql.get(`UPDATE codes SET failed_attempts = failed_attempts + 1, consumed_at = CASE WHEN key_id = ? AND hmac = ? THEN ? END
                           WHERE ${KEY} AND consumed_at IS NULL AND invalidated_at IS NULL AND failed_attempts < ? AND expires_at > ? RETURNING *`)
          .get(answer?.keyId ?? null, answer?.hmac ?? null, now, ...keyArgs(k), max, now) as Row | undefined;
        return r && codeFromRow(r);
      }),
    consume: (k, hmac, now, maxAttempts) =>
      exec(() =>
        sql.get(`UPDATE codes SET consumed_at = ? WHERE ${KEY} AND hmac = ? AND consumed_at IS NULL AND invalidated_at IS NULL AND failed_attempts <= ? AND expires_at > ?`)
          .run(now, ...keyArgs(k), hmac, maxAttempts, now).changes === 1,
      ),
    invalidate: (k, hmac, now) =>
      exec(() => {
        sql.get(`UPDATE codes SET invalidated_at = ? WHERE ${KEY} AND hmac = ? AND invalidated_at IS NULL`).run(now, ...keyArgs(k), hmac);
      }),
    // Through the table by rowid, a slice at a time: no index on expiry, which every code issued
    // would update (a page written for it besides the code's own).
    purgeExpired: (before) =>
      sweep(exec, (after) => {
        const end = (sql.get('SELECT max(rowid) AS last FROM (SELECT rowid FROM codes WHERE rowid > ? ORDER BY rowid LIMIT ?)').get(after, PURGE_SLICE) as { last: number | null }).last;
        if (end === null) return undefined;
        return { end, removed: Number(sql.get('DELETE FROM codes WHERE rowid > ? AND rowid <= ? AND expires_at < ?').run(after, end, before).changes) };
      }),
  };
}
