import type { AdminListGroupsForUserRequest, AdminListGroupsForUserResponse } from '@aws-sdk/client-cognito-identity-provider';
import { describeGroup } from '../../domain/group.ts';
import { compact, type Wire } from '../../domain/wire.ts';
import { listPage } from '../../services/directory/paging.ts';
import { requireUser } from '../../services/directory/users.ts';
import { poolOperation } from '../operation.ts';

/** A user's groups in name order. */
export default poolOperation<AdminListGroupsForUserRequest, Wire<AdminListGroupsForUserResponse>, 'store'>('AdminListGroupsForUser', async ({ store }, input, ctx) => {
  const { pool } = ctx;
  const user = await requireUser(store, pool, input.Username!);
  const page = await listPage({ limit: input.Limit || 60, after: input.NextToken }, (p) => store.groups.listForUser(pool.id, user.sub, p));
  return compact({ Groups: page.items.map(describeGroup), NextToken: page.next });
});
