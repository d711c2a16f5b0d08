import type { DeleteUserPoolDomainRequest } from '@aws-sdk/client-cognito-identity-provider';
import { noSuchDomain } from '../../errors/index.ts';
import { poolOperation } from '../operation.ts';

/** Frees the name; only the pool that holds the domain may. */
export default poolOperation<DeleteUserPoolDomainRequest, object, 'store'>('DeleteUserPoolDomain', async ({ store }, input, ctx) => {
  await store.transaction(async (tx) => {
    const current = await tx.poolDomains.get(input.Domain!);
    if (!current || current.poolId !== ctx.pool.id) throw noSuchDomain();
    await tx.poolDomains.delete(current.domain);
  });
  return {};
});
