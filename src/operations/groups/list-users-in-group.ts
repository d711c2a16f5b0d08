import type { ListUsersInGroupRequest, ListUsersInGroupResponse } from '@aws-sdk/client-cognito-identity-provider';
import { describeUser, type UserRecord } from '../../domain/user.ts';
import { compact, type Wire } from '../../domain/wire.ts';
import { requireGroup } from '../../services/directory/groups.ts';
import { listPage } from '../../services/directory/paging.ts';
import { poolOperation } from '../operation.ts';

/** A group's members in the order they joined, as ListUsers describes users. */
export default poolOperation<ListUsersInGroupRequest, Wire<ListUsersInGroupResponse>, 'store'>('ListUsersInGroup', async ({ store }, input, ctx) => {
  const { pool } = ctx;
  const group = await requireGroup(store, pool.id, input.GroupName!);
  const page = await listPage({ limit: input.Limit || 60, after: input.NextToken }, (p) => store.groups.listMembers(pool.id, group.name, p));
  const users = await Promise.all(page.items.map((sub) => store.users.get(pool.id, sub)));
  return compact({
    Users: users.filter((u): u is UserRecord => u !== undefined).map((u) => describeUser(u)),
    NextToken: page.next,
  });
});
