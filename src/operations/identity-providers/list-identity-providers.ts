import type { ListIdentityProvidersRequest, ListIdentityProvidersResponse } from '@aws-sdk/client-cognito-identity-provider';
import { describeProviderSummary } from '../../domain/identity-provider.ts';
import { compact, type Wire } from '../../domain/wire.ts';
import { listPage } from '../../services/directory/paging.ts';
import { poolOperation } from '../operation.ts';

/** A pool's providers in the order they were created, without their details; MaxResults 0 or absent means the most, 60. */
export default poolOperation<ListIdentityProvidersRequest, Wire<ListIdentityProvidersResponse>, 'store'>('ListIdentityProviders', async ({ store }, input, ctx) => {
  const page = await listPage({ limit: input.MaxResults || 60, after: input.NextToken }, (p) => store.identityProviders.list(ctx.pool.id, p));
  return compact({ Providers: page.items.map(describeProviderSummary), NextToken: page.next });
});
