import type { UpdateResourceServerRequest, UpdateResourceServerResponse } from '@aws-sdk/client-cognito-identity-provider';
import { describeResourceServer } from '../../domain/resource-server.ts';
import type { Wire } from '../../domain/wire.ts';
import { resourceServerNotFound } from '../../errors/index.ts';
import { poolOperation } from '../operation.ts';
import { scopesOf } from './scopes.ts';

/**
 * Replaces the name and the scopes: AWS's reference says a value left out is set to its default,
 * so scopes left out are none.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateResourceServer.html
 */
export default poolOperation<UpdateResourceServerRequest, Wire<UpdateResourceServerResponse>, 'store'>(
  'UpdateResourceServer',
  async ({ store }, input, ctx) => {
    const scopes = scopesOf(input.Scopes);
    const updated = await store.transaction(async (tx) => {
      const current = await tx.resourceServers.get(ctx.pool.id, input.Identifier!);
      if (!current) throw resourceServerNotFound(input.Identifier!);
      const next = { ...current, name: input.Name!, scopes };
      if (!(await tx.resourceServers.update(next))) throw resourceServerNotFound(input.Identifier!);
      return next;
    });
    return { ResourceServer: describeResourceServer(updated) };
  },
);
