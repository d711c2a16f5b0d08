import type { DeleteUserPoolClientSecretRequest } from '@aws-sdk/client-cognito-identity-provider';
import { withSecretDeleted } from '../../domain/client-secrets.ts';
import { requireClient } from '../../services/directory/clients.ts';
import { poolOperation } from '../operation.ts';

/** Deletes one of a client's secrets; from then on only the other proves the client. The last one stays. */
export default poolOperation<DeleteUserPoolClientSecretRequest, object, 'store'>('DeleteUserPoolClientSecret', async ({ store }, input, ctx) => {
  await store.transaction(async (tx) => {
    const client = await requireClient(tx, ctx.pool.id, input.ClientId!);
    await tx.clients.update(withSecretDeleted(client, input.ClientSecretId!));
  });
  return {};
});
