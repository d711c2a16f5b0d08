import type { UpdateIdentityProviderRequest, UpdateIdentityProviderResponse } from '@aws-sdk/client-cognito-identity-provider';
import { describeIdentityProvider, type IdentityProviderRecord } from '../../domain/identity-provider.ts';
import { checkProviderDetails } from '../../domain/provider-details.ts';
import type { Wire } from '../../domain/wire.ts';
import { providerNotFound } from '../../errors/index.ts';
import { checkIdentifiers, detailsShown, readableDetails, requireProvider, sealDetails, withDefaultMapping, writingProvider } from '../../services/directory/identity-providers.ts';
import { poolOperation } from '../operation.ts';

/**
 * A member left out keeps its value. ProviderDetails given replace the details, checked as on
 * create; Sign in with Apple's private_key, which Describe never shows, is kept when left out, so
 * that a Describe's details sent back do not lose it.
 */
export default poolOperation<UpdateIdentityProviderRequest, Wire<UpdateIdentityProviderResponse>, 'store' | 'clock' | 'sealer'>(
  'UpdateIdentityProvider',
  async ({ store, clock, sealer }, input, ctx) => {
    const provider = await store.transaction(async (tx) => {
      const current = await requireProvider(tx, ctx.pool.id, input.ProviderName!);
      let details = current.details;
      if (input.ProviderDetails !== undefined) {
        const given = { ...input.ProviderDetails };
        // A private key no configured master key opens is not kept: the details must give it again.
        if (current.type === 'SignInWithApple' && given.private_key === undefined) given.private_key = readableDetails(sealer, current, ctx.log).private_key;
        details = sealDetails(sealer, current.poolId, current.name, checkProviderDetails(current.type, given));
      }
      const next: IdentityProviderRecord = {
        ...current,
        details,
        attributeMapping: input.AttributeMapping === undefined ? current.attributeMapping : withDefaultMapping(current.type, input.AttributeMapping),
        identifiers: input.IdpIdentifiers === undefined ? current.identifiers : checkIdentifiers(input.IdpIdentifiers),
        lastModifiedAt: clock.now(),
      };
      if (!(await writingProvider(current.poolId, current.name, () => tx.identityProviders.update(next)))) throw providerNotFound(current.name);
      return next;
    });
    return { IdentityProvider: describeIdentityProvider(provider, detailsShown(sealer, provider, ctx.log)) };
  },
);
