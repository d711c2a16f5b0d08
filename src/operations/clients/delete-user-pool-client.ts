import type { DeleteUserPoolClientRequest } from '@aws-sdk/client-cognito-identity-provider';
import { requireClient } from '../../services/directory/clients.ts';
import { poolOperation } from '../operation.ts';

export default poolOperation<DeleteUserPoolClientRequest, object, 'store'>('DeleteUserPoolClient', async ({ store }, input, ctx) => {
  await store.transaction(async (tx) => {
    await requireClient(tx, ctx.pool.id, input.ClientId!);
    await tx.clients.delete(ctx.pool.id, input.ClientId!);
  });
  return {};
});
