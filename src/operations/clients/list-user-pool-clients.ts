import type { ListUserPoolClientsRequest, ListUserPoolClientsResponse } from '@aws-sdk/client-cognito-identity-provider';
import { compact, type Wire } from '../../domain/wire.ts';
import { listPage } from '../../services/directory/paging.ts';
import { poolOperation } from '../operation.ts';

export default poolOperation<ListUserPoolClientsRequest, Wire<ListUserPoolClientsResponse>, 'store'>('ListUserPoolClients', async ({ store }, input, ctx) => {
  const { pool } = ctx;
  const page = await listPage({ limit: input.MaxResults ?? 60, after: input.NextToken }, (p) => store.clients.list(pool.id, p));
  return compact({
    UserPoolClients: page.items.map((c) => ({ ClientId: c.clientId, UserPoolId: c.poolId, ClientName: c.name })),
    NextToken: page.next,
  });
});
