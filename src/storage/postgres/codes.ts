import type { CodeKey } from '../../domain/code.ts';
import type { CodeRepository } from '../repositories/codes.ts';
import type { SecretRepository } from '../repositories/keys.ts';
import type { QuotaRepository } from '../repositories/limits.ts';
import { buf, codeFromRow } from '../shared/rows.ts';
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
        [...keyArgs(c), c.hmac, c.keyId, c.createdAt, c.expiresAt, c.failedAttempts, c.consumedAt, c.invalidatedAt]);
    },
    get: async (k) => {
      const r = await db.one(`SELECT * FROM codes WHERE ${KEY}${db.lock}`, keyArgs(k));
      return r && codeFromRow(r);
    },
    recordFailure: async (k, hmac) =>
      (await db.one(`UPDATE codes SET failed_attempts = failed_attempts + 1 WHERE ${KEY} AND hmac = $5 AND consumed_at IS NULL RETURNING failed_attempts`, [...keyArgs(k), hmac]))
        ?.failed_attempts as number | undefined,
    // One conditional UPDATE: of concurrent consumers (on any instance) the row lock lets one through.
    consume: async (k, hmac, now, maxFailures) =>
      (await db.run(`UPDATE codes SET consumed_at = $5 WHERE ${KEY} AND hmac = $6 AND consumed_at IS NULL AND invalidated_at IS NULL AND failed_attempts < $7 AND expires_at > $5`,
        [...keyArgs(k), now, hmac, maxFailures])) === 1,
    invalidate: async (k, hmac, now) => {
      await db.run(`UPDATE codes SET invalidated_at = $5 WHERE ${KEY} AND hmac = $6 AND invalidated_at IS NULL`, [...keyArgs(k), now, hmac]);
    },
    purgeExpired: (before) => db.run('DELETE FROM codes WHERE expires_at < $1', [before]),
  };
}

export function secrets(db: Db): SecretRepository {
  return {
    list: async (purpose) =>
      (await db.rows('SELECT * FROM server_secrets WHERE purpose = $1 ORDER BY created_at DESC, id DESC', [purpose])).map((r) => ({
        id: r.id as string,
        secret: buf(r.secret),
        createdAt: r.created_at as number,
      })),
    addIfAbsent: async (purpose, s) => {
      await db.run('INSERT INTO server_secrets (purpose, id, secret, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [purpose, s.id, s.secret, s.createdAt]);
    },
  };
}

/** The bucket's level at the take's time, refilled at $4 per second since the last take, capped at the burst $2. */
const REFILLED = 'LEAST($2::float8, rate_buckets.tokens + GREATEST(0, excluded.updated_at - rate_buckets.updated_at) * $4::float8 / 1000.0)';

export function quotas(db: Db): QuotaRepository {
  return {
    // One statement: insert the first use, or count one more only while under the limit.
    take: async (key, period, limit) => {
      const r = await db.one(`INSERT INTO quotas (key, period, used) VALUES ($1, $2, 1)
                              ON CONFLICT (key, period) DO UPDATE SET used = quotas.used + 1 WHERE quotas.used < $3
                              RETURNING used`, [key, period, limit]);
      return r !== undefined && (r.used as number) <= limit;
    },
    // The refill is computed in the statement from the stored time; the row lock of ON CONFLICT serialises
    // concurrent takers on every instance, so the bucket is never overdrawn.
    takeToken: async (key, perSecond, burst, now) => {
      const r = await db.one(`INSERT INTO rate_buckets (key, tokens, updated_at) VALUES ($1, $2::float8 - 1, $3::bigint)
                              ON CONFLICT (key) DO UPDATE SET tokens = ${REFILLED} - 1, updated_at = GREATEST(rate_buckets.updated_at, excluded.updated_at)
                              WHERE ${REFILLED} >= 1
                              RETURNING tokens`, [key, burst, now, perSecond]);
      return r !== undefined;
    },
    purgeBefore: (period) => db.run('DELETE FROM quotas WHERE period < $1', [period]),
  };
}
