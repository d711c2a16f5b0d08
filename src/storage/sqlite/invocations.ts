import type { InvocationRecorder } from '../repositories/invocations.ts';
import { KEEP_INVOCATIONS } from '../shared/invocations.ts';
import { invocationFromRow } from '../shared/rows.ts';
import type { Exec, Row, Statements } from './statements.ts';

export function invocations(sql: Statements, exec: Exec): InvocationRecorder {
  return {
    record: (r) =>
      exec(() => {
        const { lastInsertRowid } = sql.get(`INSERT INTO trigger_invocations (id, pool_id, trigger_source, function_arn, invoker, started_at, duration_ms, outcome, error)
                                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(r.id, r.userPoolId, r.triggerSource, r.functionArn, r.invoker, r.startedAt, r.durationMs, r.outcome, r.error ?? null);
        const seq = Number(lastInsertRowid);
        if (seq % 1000 === 0) sql.get('DELETE FROM trigger_invocations WHERE seq <= ?').run(seq - KEEP_INVOCATIONS);
      }),
    list: ({ userPoolId, triggerSource, limit }) =>
      exec(() => {
        const rows = sql.get(`SELECT * FROM trigger_invocations WHERE (? IS NULL OR pool_id = ?) AND (? IS NULL OR trigger_source = ?) ORDER BY seq DESC LIMIT ?`)
          .all(userPoolId ?? null, userPoolId ?? null, triggerSource ?? null, triggerSource ?? null, limit) as Row[];
        return rows.map(invocationFromRow);
      }),
  };
}
