import type { QuotaRepository } from '../repositories/quotas.ts';
import type { Exec, Statements } from './statements.ts';

export function quotas(sql: Statements, exec: Exec): QuotaRepository {
  return {
    take: (key, period, limit) =>
      exec(() => {
        // One statement: insert the first use, or count one more only while under the limit.
        const r = sql.get(`INSERT INTO quotas (key, period, used) VALUES (?, ?, 1)
                           ON CONFLICT (key, period) DO UPDATE SET used = used + 1 WHERE quotas.used < ?
                           RETURNING used`).get(key, period, limit) as { used: number } | undefined;
        return r !== undefined && r.used <= limit;
      }),
    takeToken: (key, perSecond, burst, now) =>
      exec(() => {
        // The refill is computed in the statement from the stored time, so concurrent takers never overdraw.
        const r = sql.get(`INSERT INTO rate_buckets (key, tokens, updated_at) VALUES (?, ? - 1, ?)
                           ON CONFLICT (key) DO UPDATE SET
                             tokens = min(?, tokens + max(0, excluded.updated_at - updated_at) * ? / 1000.0) - 1,
                             updated_at = max(updated_at, excluded.updated_at)
                           WHERE min(?, tokens + max(0, excluded.updated_at - updated_at) * ? / 1000.0) >= 1
                           RETURNING tokens`).get(key, burst, now, burst, perSecond, burst, perSecond);
        return r !== undefined;
      }),
    purgeBefore: (period) => exec(() => Number(sql.get('DELETE FROM quotas WHERE period < ?').run(period).changes)),
  };
}
