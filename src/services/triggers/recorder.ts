import type { InvocationRecord } from '../../domain/invocation.ts';
import type { InvocationRecorder } from '../../storage/repositories/invocations.ts';

/** Keeps the last `capacity` invocations in memory. */
export function memoryRecorder(capacity = 1000): InvocationRecorder {
  const records: InvocationRecord[] = [];
  return {
    async record(r) {
      records.push({ ...r });
      if (records.length > capacity) records.splice(0, records.length - capacity);
    },
    async list({ userPoolId, triggerSource, limit }) {
      const out: InvocationRecord[] = [];
      for (let i = records.length - 1; i >= 0 && out.length < limit; i--) {
        const r = records[i]!;
        if (userPoolId !== undefined && r.userPoolId !== userPoolId) continue;
        if (triggerSource !== undefined && r.triggerSource !== triggerSource) continue;
        out.push({ ...r });
      }
      return out;
    },
  };
}
