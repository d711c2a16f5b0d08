import type { CreateIdentityProviderRequest, CreateIdentityProviderResponse } from '@aws-sdk/client-cognito-identity-provider';
import { describeIdentityProvider, type IdentityProviderRecord, type ProviderType } from '../../domain/identity-provider.ts';
import { checkProviderDetails } from '../../domain/provider-details.ts';
import type { Wire } from '../../domain/wire.ts';
import { providerLimitReached } from '../../errors/index.ts';
import { checkIdentifiers, checkProviderName, detailsShown, sealDetails, withDefaultMapping, writingProvider } from '../../services/directory/identity-providers.ts';
import { requirePool } from '../../services/directory/pools.ts';
import { poolOperation } from '../operation.ts';

/** AWS's quota: identity providers per user pool (https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html). */
export const MAX_PROVIDERS = 300;

export default poolOperation<CreateIdentityProviderRequest, Wire<CreateIdentityProviderResponse>, 'store' | 'clock' | 'sealer'>(
  'CreateIdentityProvider',
  async ({ store, clock, sealer }, input, ctx) => {
    const type = input.ProviderType as ProviderType;
    const name = input.ProviderName!;
    checkProviderName(name, type);
    const details = checkProviderDetails(type, input.ProviderDetails!);
    const identifiers = checkIdentifiers(input.IdpIdentifiers ?? []);
    const provider = await store.transaction(async (tx) => {
      const pool = await requirePool(tx, ctx.pool.id);
      if ((await tx.identityProviders.count(pool.id)) >= MAX_PROVIDERS) throw providerLimitReached(MAX_PROVIDERS);
      const now = clock.now();
      const p: IdentityProviderRecord = {
        poolId: pool.id,
        name,
        type,
        details: sealDetails(sealer, pool.id, name, details),
        attributeMapping: withDefaultMapping(type, input.AttributeMapping ?? {}),
        identifiers,
        createdAt: now,
        lastModifiedAt: now,
      };
      await writingProvider(pool.id, name, () => tx.identityProviders.create(p));
      return p;
    });
    return { IdentityProvider: describeIdentityProvider(provider, detailsShown(sealer, provider, ctx.log)) };
  },
);
