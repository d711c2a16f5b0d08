import type { ListGroupsRequest, ListGroupsResponse } from '@aws-sdk/client-cognito-identity-provider';
import { describeGroup } from '../../domain/group.ts';
import { compact, type Wire } from '../../domain/wire.ts';
import { listPage } from '../../services/directory/paging.ts';
import { poolOperation } from '../operation.ts';

/** A pool's groups in the order they were created. */
export default poolOperation<ListGroupsRequest, Wire<ListGroupsResponse>, 'store'>('ListGroups', async ({ store }, input, ctx) => {
  const { pool } = ctx;
  const page = await listPage({ limit: input.Limit || 60, after: input.NextToken }, (p) => store.groups.list(pool.id, p));
  return compact({ Groups: page.items.map(describeGroup), NextToken: page.next });
});
