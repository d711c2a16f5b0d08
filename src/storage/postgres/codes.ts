import type { CodeKey } from '../../domain/code.ts';
import type { CodeRepository } from '../repositories/codes.ts';
import { codeFromRow } from '../shared/rows.ts';
import type { Db } from './db.ts';

const KEY = 'pool_id = $1 AND user_id = $2 AND purpose = $3 AND attribute = $4';
const keyArgs = (k: CodeKey) => [k.poolId, k.userId, k.purpose, k.attribute];

export function codes(db: Db): CodeRepository {
  return {
    put: async (c) => {
      await db.run(`INSERT INTO codes (pool_id, user_id, purpose, attribute, hmac, key_id, created_at, expires_at, failed_attempts, consumed_at, invalidated_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                    ON CONFLICT (pool_id, user_id, purpose, attribute) DO UPDATE SET
                      hmac = excluded.hmac, key_id = excluded.key_id, created_at = excluded.created_at, expires_at = excluded.expires_at,
                      failed_attempts = excluded.failed_attempts, consumed_at = excluded.consumed_at, invalidated_at = excluded.invalidated_at`,
        [...keyArgs(c), c.hmac, c.keyId, c.createdAt, c.expiresAt, c.attempts, c.consumedAt, c.invalidatedAt]);
    },
    get: async (k) => {
      const r = await db.one(`SELECT * FROM codes WHERE ${KEY}${db.lock}`, keyArgs(k));
      return r && codeFromRow(r);
    },
    // The row lock orders concurrent answers (on any instance): each sees the count the one before it left.
    takeAttempt: async (k, max, now, answer) => {
      const r = await db.one(`UPDATE codes SET failed_attempts = failed_attempts + 1, consumed_at = CASE WHEN key_id = $7::text AND hmac = $8::bytea THEN $6::bigint END
                              WHERE ${KEY} AND consumed_at IS NULL AND invalidated_at IS NULL AND failed_attempts < $5 AND expires_at > $6 RETURNING *`,
        [...keyArgs(k), max, now, answer?.keyId ?? null, answer?.hmac ?? null]);
      return r && codeFromRow(r);
    },
    // One conditional UPDATE: of concurrent consumers (on any instance) the row lock lets one through.
    consume: async (k, hmac, now, maxAttempts) =>
      (await db.run(`UPDATE codes SET consumed_at = $5 WHERE ${KEY} AND hmac = $6 AND consumed_at IS NULL AND invalidated_at IS NULL AND failed_attempts <= $7 AND expires_at > $5`,
        [...keyArgs(k), now, hmac, maxAttempts])) === 1,
    invalidate: async (k, hmac, now) => {
      await db.run(`UPDATE codes SET invalidated_at = $5 WHERE ${KEY} AND hmac = $6 AND invalidated_at IS NULL`, [...keyArgs(k), now, hmac]);
    },
    purgeExpired: (before) => db.run('DELETE FROM codes WHERE expires_at < $1', [before]),
  };
}
