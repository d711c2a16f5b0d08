import type { AdminRemoveUserFromGroupRequest } from '@aws-sdk/client-cognito-identity-provider';
import { requireGroup } from '../../services/directory/groups.ts';
import { requireUser } from '../../services/directory/users.ts';
import { poolOperation } from '../operation.ts';

/** Removing a user who is not a member is not an error. */
export default poolOperation<AdminRemoveUserFromGroupRequest, object, 'store'>('AdminRemoveUserFromGroup', async ({ store }, input, ctx) => {
  await store.transaction(async (tx) => {
    const { pool } = ctx;
    const group = await requireGroup(tx, pool.id, input.GroupName!);
    const user = await requireUser(tx, pool, input.Username!);
    await tx.groups.removeMember(pool.id, group.name, user.sub);
  });
  return {};
});
