import type { DescribeIdentityProviderRequest, DescribeIdentityProviderResponse } from '@aws-sdk/client-cognito-identity-provider';
import { describeIdentityProvider } from '../../domain/identity-provider.ts';
import type { Wire } from '../../domain/wire.ts';
import { detailsShown, requireProvider } from '../../services/directory/identity-providers.ts';
import { poolOperation } from '../operation.ts';

/** The details as AWS shows them: client_secret included, the derived keys added, Apple's private key left out. */
export default poolOperation<DescribeIdentityProviderRequest, Wire<DescribeIdentityProviderResponse>, 'store' | 'sealer'>(
  'DescribeIdentityProvider',
  async ({ store, sealer }, input, ctx) => {
    const p = await requireProvider(store, ctx.pool.id, input.ProviderName!);
    return { IdentityProvider: describeIdentityProvider(p, detailsShown(sealer, p, ctx.log)) };
  },
);
