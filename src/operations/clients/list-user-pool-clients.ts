import type { ListUserPoolClientsRequest, ListUserPoolClientsResponse } from '@aws-sdk/client-cognito-identity-provider';
import { compact, type Wire } from '../../domain/wire.ts';
import { listPage, requirePool } from '../../services/directory/pools.ts';
import { operation } from '../operation.ts';

export default operation<ListUserPoolClientsRequest, Wire<ListUserPoolClientsResponse>, 'store'>('ListUserPoolClients', async ({ store }, input) => {
  const pool = await requirePool(store, input.UserPoolId!);
  const page = await listPage({ limit: input.MaxResults ?? 60, after: input.NextToken }, (p) => store.clients.list(pool.id, p));
  return compact({
    UserPoolClients: page.items.map((c) => ({ ClientId: c.clientId, UserPoolId: c.poolId, ClientName: c.name })),
    NextToken: page.next,
  });
});
