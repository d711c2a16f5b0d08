import type { InvocationRecorder } from '../repositories/invocations.ts';
import { KEEP_INVOCATIONS } from '../shared/invocations.ts';
import { invocationFromRow } from '../shared/rows.ts';
import type { Db } from './db.ts';

export function invocations(db: Db): InvocationRecorder {
  return {
    record: async (r) => {
      const row = await db.one(`INSERT INTO trigger_invocations (id, pool_id, trigger_source, function_arn, invoker, started_at, duration_ms, outcome, error)
                                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING seq`,
        [r.id, r.userPoolId, r.triggerSource, r.functionArn, r.invoker, r.startedAt, r.durationMs, r.outcome, r.error ?? null]);
      const seq = row!.seq as number;
      if (seq % 1000 === 0) await db.run('DELETE FROM trigger_invocations WHERE seq <= $1', [seq - KEEP_INVOCATIONS]);
    },
    list: async ({ userPoolId, triggerSource, limit }) =>
      (await db.rows(`SELECT * FROM trigger_invocations WHERE ($1::text IS NULL OR pool_id = $1) AND ($2::text IS NULL OR trigger_source = $2) ORDER BY seq DESC LIMIT $3`,
        [userPoolId ?? null, triggerSource ?? null, limit])).map(invocationFromRow),
  };
}
