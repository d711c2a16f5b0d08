import type { QuotaRepository } from '../repositories/quotas.ts';
import type { Db } from './db.ts';

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
    // The existing row's times inside the window, counted and kept with the new one; the row lock of
    // ON CONFLICT orders concurrent takers on every instance.
    takeInWindow: async (key, limit, windowMs, now) => {
      const r = await db.one(`INSERT INTO rate_windows (key, times, expires_at) VALUES ($1, ARRAY[$2::bigint], $2::bigint + $4::bigint)
                              ON CONFLICT (key) DO UPDATE SET
                                times = array_append(ARRAY(SELECT t FROM unnest(rate_windows.times) t WHERE t > $2::bigint - $4::bigint), $2::bigint),
                                expires_at = $2::bigint + $4::bigint
                              WHERE (SELECT count(*) FROM unnest(rate_windows.times) t WHERE t > $2::bigint - $4::bigint) < $3
                              RETURNING 1 AS taken`, [key, now, limit, windowMs]);
      return r !== undefined && limit >= 1;
    },
    clearWindow: async (key) => {
      await db.run('DELETE FROM rate_windows WHERE key = $1', [key]);
    },
    purgeIdle: async (before) =>
      (await db.run('DELETE FROM rate_buckets WHERE updated_at < $1', [before])) + (await db.run('DELETE FROM rate_windows WHERE expires_at < $1', [before])),
    purgeBefore: (period) => db.run('DELETE FROM quotas WHERE period < $1', [period]),
  };
}
