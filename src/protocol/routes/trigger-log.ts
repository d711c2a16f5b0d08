/** Every trigger invocation is recorded; developers read them at GET /_cognate/triggers (development mode). */
import type { FastifyInstance } from 'fastify';
import type { InvocationFilter, InvocationRecorder } from '../../storage/repositories/invocations.ts';

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
