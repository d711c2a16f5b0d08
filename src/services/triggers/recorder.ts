/** Every invocation is recorded; developers read them at GET /_cognate/triggers. */
import type { FastifyInstance } from 'fastify';
import type { InvocationFilter, InvocationRecorder } from '../../storage/repositories/invocations.ts';
import type { InvocationRecord } from '../../domain/invocation.ts';

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

export const DEFAULT_LIST_LIMIT = 50;
export const MAX_LIST_LIMIT = 1000;

/** GET /_cognate/triggers?userPoolId=&triggerSource=&limit= → {"invocations": [...]}, newest first. */
export function registerTriggerRoutes(app: FastifyInstance, recorder: InvocationRecorder): void {
  app.get('/_cognate/triggers', async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    let limit = DEFAULT_LIST_LIMIT;
    if (q.limit !== undefined) {
      limit = Number(q.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT)
        return reply.code(400).send({ message: `limit must be a whole number from 1 to ${MAX_LIST_LIMIT}` });
    }
    const filter: InvocationFilter = { limit };
    if (q.userPoolId) filter.userPoolId = q.userPoolId;
    if (q.triggerSource) filter.triggerSource = q.triggerSource;
    return { invocations: await recorder.list(filter) };
  });
}
