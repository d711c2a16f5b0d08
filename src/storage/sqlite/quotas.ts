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
    // The existing row's times inside the window, counted and kept with the new one, in the one
    // statement (the write lock of SQLite orders takers, across processes on the file too).
    takeInWindow: (key, limit, windowMs, now) =>
      exec(() => {
        const r = sql.get(`INSERT INTO rate_windows (key, times, expires_at) VALUES (?1, json_array(?2), ?2 + ?4)
                           ON CONFLICT (key) DO UPDATE SET
                             times = (SELECT json_group_array(t) FROM (SELECT value AS t FROM json_each(rate_windows.times) WHERE value > ?2 - ?4 UNION ALL SELECT ?2)),
                             expires_at = ?2 + ?4
                           WHERE (SELECT count(*) FROM json_each(rate_windows.times) WHERE value > ?2 - ?4) < ?3
                           RETURNING 1 AS taken`).get(key, now, limit, windowMs);
        return r !== undefined && limit >= 1;
      }),
    clearWindow: (key) =>
      exec(() => {
        sql.get('DELETE FROM rate_windows WHERE key = ?').run(key);
      }),
    purgeIdle: (before) =>
      exec(() =>
        Number(sql.get('DELETE FROM rate_buckets WHERE updated_at < ?').run(before).changes) +
        Number(sql.get('DELETE FROM rate_windows WHERE expires_at < ?').run(before).changes),
      ),
    purgeBefore: (period) => exec(() => Number(sql.get('DELETE FROM quotas WHERE period < ?').run(period).changes)),
  };
}
