import type { GetIdentityProviderByIdentifierRequest, GetIdentityProviderByIdentifierResponse } from '@aws-sdk/client-cognito-identity-provider';
import { describeIdentityProvider } from '../../domain/identity-provider.ts';
import type { Wire } from '../../domain/wire.ts';
import { providerNotFoundForIdentifier } from '../../errors/index.ts';
import { detailsShown } from '../../services/directory/identity-providers.ts';
import { poolOperation } from '../operation.ts';

/** The provider one of whose IdpIdentifiers is the one given (identifiers are unique in a pool). */
export default poolOperation<GetIdentityProviderByIdentifierRequest, Wire<GetIdentityProviderByIdentifierResponse>, 'store' | 'sealer'>(
  'GetIdentityProviderByIdentifier',
  async ({ store, sealer }, input, ctx) => {
    const p = await store.identityProviders.getByIdentifier(ctx.pool.id, input.IdpIdentifier!);
    if (!p) throw providerNotFoundForIdentifier(input.IdpIdentifier!);
    return { IdentityProvider: describeIdentityProvider(p, detailsShown(sealer, p, ctx.log)) };
  },
);
