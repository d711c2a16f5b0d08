import type { DeleteIdentityProviderRequest } from '@aws-sdk/client-cognito-identity-provider';
import { providerNotFound } from '../../errors/index.ts';
import { poolOperation } from '../operation.ts';

/** The store deletes the provider's identifiers with it. */
export default poolOperation<DeleteIdentityProviderRequest, object, 'store'>('DeleteIdentityProvider', async ({ store }, input, ctx) => {
  if (!(await store.identityProviders.delete(ctx.pool.id, input.ProviderName!))) throw providerNotFound(input.ProviderName!);
  return {};
});
