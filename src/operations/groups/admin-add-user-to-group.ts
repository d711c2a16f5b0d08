import type { AdminAddUserToGroupRequest } from '@aws-sdk/client-cognito-identity-provider';
import { requireGroup } from '../../services/directory/groups.ts';
import { requireUser } from '../../services/directory/users.ts';
import { poolOperation } from '../operation.ts';

/** Adding a member twice is not an error. */
export default poolOperation<AdminAddUserToGroupRequest, object, 'store'>('AdminAddUserToGroup', async ({ store }, input, ctx) => {
  await store.transaction(async (tx) => {
    const { pool } = ctx;
    const group = await requireGroup(tx, pool.id, input.GroupName!);
    const user = await requireUser(tx, pool, input.Username!);
    await tx.groups.addMember(pool.id, group.name, user.sub);
  });
  return {};
});
