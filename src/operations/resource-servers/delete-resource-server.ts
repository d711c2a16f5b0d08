import type { DeleteResourceServerRequest } from '@aws-sdk/client-cognito-identity-provider';
import { resourceServerNotFound } from '../../errors/index.ts';
import { poolOperation } from '../operation.ts';

export default poolOperation<DeleteResourceServerRequest, object, 'store'>('DeleteResourceServer', async ({ store }, input, ctx) => {
  if (!(await store.resourceServers.delete(ctx.pool.id, input.Identifier!))) throw resourceServerNotFound(input.Identifier!);
  return {};
});
