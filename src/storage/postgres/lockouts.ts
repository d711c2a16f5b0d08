import type { LockoutRepository } from '../repositories/lockouts.ts';
import type { Db } from './db.ts';

// Since when the key has been quiet: its last failure, or the end of its lock if that is later
// (GREATEST leaves out a NULL).
const quietSince = (row: string) => `GREATEST(${row}last_failure_at, ${row}locked_until)`;
// $1 key, $2 now, $3 free attempts, $4 reset after, $5 longest lock. In ON CONFLICT's SET every
// expression sees the row as it was, so the new count is spelled out where the lock needs it; the
// row lock ON CONFLICT takes serialises concurrent counters on every instance.
const FAILURES = `CASE WHEN $2::bigint - ${quietSince('lockouts.')} >= $4::bigint THEN 1 ELSE lockouts.failures + 1 END`;
const lockAfter = (n: string) => `CASE WHEN ${n} >= $3::int THEN $2::bigint + LEAST($5::bigint, 1000::bigint << LEAST(${n} - $3::int, 30)) ELSE NULL END`;
const COUNT = `INSERT INTO lockouts (key, failures, last_failure_at, locked_until) VALUES ($1, 1, $2::bigint, ${lockAfter('1')})
               ON CONFLICT (key) DO UPDATE SET failures = ${FAILURES}, last_failure_at = $2::bigint, locked_until = ${lockAfter(FAILURES)}
               WHERE lockouts.locked_until IS NULL OR lockouts.locked_until <= $2::bigint
               RETURNING failures`;

export function lockouts(db: Db): LockoutRepository {
  return {
    count: async (key, now, rule) => (await db.one(COUNT, [key, now, rule.freeAttempts, rule.resetAfterMs, rule.maxLockMs])) !== undefined,
    get: async (key) => {
      const r = await db.one('SELECT * FROM lockouts WHERE key = $1', [key]);
      return r && { failures: r.failures as number, lastFailureAt: r.last_failure_at as number, lockedUntil: (r.locked_until as number | null) ?? null };
    },
    clear: async (key) => {
      await db.run('DELETE FROM lockouts WHERE key = $1', [key]);
    },
    purgeBefore: (before) => db.run(`DELETE FROM lockouts WHERE ${quietSince('')} < $1`, [before]),
  };
}
