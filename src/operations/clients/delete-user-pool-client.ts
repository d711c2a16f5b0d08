import type { DeleteUserPoolClientRequest } from '@aws-sdk/client-cognito-identity-provider';
import { requireClient, requirePool } from '../../services/directory/pools.ts';
import { operation } from '../operation.ts';

export default operation<DeleteUserPoolClientRequest, object, 'store'>('DeleteUserPoolClient', async ({ store }, input) => {
  await store.transaction(async (tx) => {
    await requirePool(tx, input.UserPoolId!);
    await requireClient(tx, input.UserPoolId!, input.ClientId!);
    await tx.clients.delete(input.UserPoolId!, input.ClientId!);
  });
  return {};
});
