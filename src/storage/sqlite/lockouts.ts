import type { LockoutRepository } from '../repositories/lockouts.ts';
import type { Exec, Row, Statements } from './statements.ts';

// Since when the key has been quiet: its last failure, or the end of its lock if that is later
// (SQLite's max() of several arguments is NULL if any is).
const quietSince = (row: string) => `max(${row}last_failure_at, coalesce(${row}locked_until, ${row}last_failure_at))`;
// ?1 key, ?2 now, ?3 free attempts, ?4 reset after, ?5 longest lock. In ON CONFLICT's SET every
// expression sees the row as it was, so the new count is spelled out where the lock needs it.
const FAILURES = `CASE WHEN ?2 - ${quietSince('lockouts.')} >= ?4 THEN 1 ELSE lockouts.failures + 1 END`;
const lockAfter = (n: string) => `CASE WHEN ${n} >= ?3 THEN ?2 + min(?5, 1000 << min(${n} - ?3, 30)) ELSE NULL END`;
const COUNT = `INSERT INTO lockouts (key, failures, last_failure_at, locked_until) VALUES (?1, 1, ?2, ${lockAfter('1')})
               ON CONFLICT (key) DO UPDATE SET failures = ${FAILURES}, last_failure_at = ?2, locked_until = ${lockAfter(FAILURES)}
               WHERE lockouts.locked_until IS NULL OR lockouts.locked_until <= ?2
               RETURNING failures`;

export function lockouts(sql: Statements, exec: Exec): LockoutRepository {
  return {
    count: (key, now, rule) => exec(() => sql.get(COUNT).get(key, now, rule.freeAttempts, rule.resetAfterMs, rule.maxLockMs) !== undefined),
    get: (key) =>
      exec(() => {
        const r = sql.get('SELECT * FROM lockouts WHERE key = ?').get(key) as Row | undefined;
        return r && { failures: r.failures as number, lastFailureAt: r.last_failure_at as number, lockedUntil: (r.locked_until as number | null) ?? null };
      }),
    clear: (key) =>
      exec(() => {
        sql.get('DELETE FROM lockouts WHERE key = ?').run(key);
      }),
    purgeBefore: (before) => exec(() => Number(sql.get(`DELETE FROM lockouts WHERE ${quietSince('')} < ?`).run(before).changes)),
  };
}
