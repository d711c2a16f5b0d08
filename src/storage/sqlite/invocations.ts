import type { InvocationRecord, InvocationRecorder } from '../../triggers/recorder.ts';
import type { Exec, Row, Statements } from './statements.ts';

/** How many invocations are kept; older ones are pruned as new ones arrive. */
export const KEEP_INVOCATIONS = 10_000;

function fromRow(r: Row): InvocationRecord {
  return {
    id: r.id as string,
    userPoolId: r.pool_id as string,
    triggerSource: r.trigger_source as string,
    functionArn: r.function_arn as string,
    invoker: r.invoker as InvocationRecord['invoker'],
    startedAt: r.started_at as number,
    durationMs: r.duration_ms as number,
    outcome: r.outcome as InvocationRecord['outcome'],
    ...(r.error ? { error: r.error as string } : {}),
  };
}

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
        return rows.map(fromRow);
      }),
  };
}
