import type { DeleteGroupRequest } from '@aws-sdk/client-cognito-identity-provider';
import { groupNotFound } from '../../errors/index.ts';
import { poolOperation } from '../operation.ts';

/** The store deletes the group's memberships with it: its members simply leave the group. */
export default poolOperation<DeleteGroupRequest, object, 'store'>('DeleteGroup', async ({ store }, input, ctx) => {
  const { pool } = ctx;
  if (!(await store.groups.delete(pool.id, input.GroupName!))) throw groupNotFound();
  return {};
});
