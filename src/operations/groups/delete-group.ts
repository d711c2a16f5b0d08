import type { DeleteGroupRequest } from '@aws-sdk/client-cognito-identity-provider';
import { groupNotFound } from '../../domain/group.ts';
import { requirePool } from '../../services/directory/pools.ts';
import { operation } from '../operation.ts';

/** The store deletes the group's memberships with it: its members simply leave the group. */
export default operation<DeleteGroupRequest, object, 'store'>('DeleteGroup', async ({ store }, input) => {
  const pool = await requirePool(store, input.UserPoolId!);
  if (!(await store.groups.delete(pool.id, input.GroupName!))) throw groupNotFound();
  return {};
});
