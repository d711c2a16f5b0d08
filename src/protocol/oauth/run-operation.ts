/**
 * The pages' account steps (sign-up, confirmation, password reset) run the API's own operations,
 * as a client of the pool would call them: the model's constraints, the pool's protection rules,
 * quotas and limits, then the operation. A client with a secret gets its SECRET_HASH computed
 * here, as the pages act for the app client.
 */
import type { FastifyRequest } from 'fastify';
import { notImplemented } from '../../errors/index.ts';
import { validateInput } from '../../model/validate.ts';
import type { Operation } from '../../operations/operation.ts';
import type { Deps } from '../../services/deps.ts';
import { secretHash } from '../../services/directory/client-secrets.ts';
import { admitAs, type PageRequest } from './page-context.ts';

export type Operations = ReadonlyMap<string, Operation>;

export async function runClientOperation(
  deps: Deps, operations: Operations, req: FastifyRequest, p: PageRequest, name: string, input: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const op = operations.get(name);
  if (!op) throw notImplemented(name);
  const username = typeof input.Username === 'string' ? input.Username : undefined;
  const full = {
    ...input, ClientId: p.client.clientId,
    ...(p.client.secret && username !== undefined ? { SecretHash: secretHash(p.client.secret, username, p.client.clientId) } : {}),
  };
  const invalid = validateInput(name, full);
  if (invalid) throw invalid;
  const resolved = { pool: p.pool, client: p.client };
  // The protection rules stood in front of the page already (pageRequest).
  await admitAs(deps, resolved, name);
  const out = await op.handle(deps, full, { requestId: req.id, sourceIp: req.ip, userAgent: req.headers['user-agent'], log: req.log, ...resolved });
  return out as Record<string, unknown>;
}
