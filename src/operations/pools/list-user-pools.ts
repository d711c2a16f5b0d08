import type { ListUserPoolsRequest, ListUserPoolsResponse } from '@aws-sdk/client-cognito-identity-provider';
import { compact, epochSeconds, type Wire } from '../../domain/wire.ts';
import { listPage } from '../../services/directory/paging.ts';
import { operation } from '../operation.ts';

export default operation<ListUserPoolsRequest, Wire<ListUserPoolsResponse>, 'store'>('ListUserPools', async ({ store }, input) => {
  const page = await listPage({ limit: input.MaxResults!, after: input.NextToken }, (p) => store.pools.list(p));
  return compact({
    UserPools: page.items.map((p) => ({
      Id: p.id,
      Name: p.name,
      LambdaConfig: p.config.LambdaConfig ?? {},
      LastModifiedDate: epochSeconds(p.lastModifiedAt),
      CreationDate: epochSeconds(p.createdAt),
    })),
    NextToken: page.next,
  });
});
