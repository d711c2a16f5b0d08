import type { ListResourceServersRequest, ListResourceServersResponse } from '@aws-sdk/client-cognito-identity-provider';
import { describeResourceServer } from '../../domain/resource-server.ts';
import { compact, type Wire } from '../../domain/wire.ts';
import { listPage } from '../../services/directory/paging.ts';
import { poolOperation } from '../operation.ts';

/** A pool's resource servers in the order they were made, MaxResults (the model's 1-50; 50 when left out) a page. */
export default poolOperation<ListResourceServersRequest, Wire<ListResourceServersResponse>, 'store'>(
  'ListResourceServers',
  async ({ store }, input, ctx) => {
    const page = await listPage({ limit: input.MaxResults ?? 50, after: input.NextToken }, (p) => store.resourceServers.list(ctx.pool.id, p));
    return compact({ ResourceServers: page.items.map(describeResourceServer), NextToken: page.next });
  },
);
