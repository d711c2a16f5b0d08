import type { UpdateGroupRequest, UpdateGroupResponse } from '@aws-sdk/client-cognito-identity-provider';
import { describeGroup, type GroupRecord } from '../../domain/group.ts';
import type { Wire } from '../../domain/wire.ts';
import { groupNotFound } from '../../errors/index.ts';
import { requireGroup } from '../../services/directory/groups.ts';
import { poolOperation } from '../operation.ts';

/**
 * AWS "updates any of the properties": a member left out keeps its value (its documented example
 * changes the description and returns the group's role unchanged). An empty Description clears it.
 */
export default poolOperation<UpdateGroupRequest, Wire<UpdateGroupResponse>, 'store' | 'clock'>('UpdateGroup', async ({ store, clock }, input, ctx) => {
  const group = await store.transaction(async (tx) => {
    const { pool } = ctx;
    const current = await requireGroup(tx, pool.id, input.GroupName!);
    const next: GroupRecord = {
      ...current,
      description: input.Description === undefined ? current.description : input.Description || null,
      roleArn: input.RoleArn ?? current.roleArn,
      precedence: input.Precedence ?? current.precedence,
      lastModifiedAt: clock.now(),
    };
    if (!(await tx.groups.update(next))) throw groupNotFound();
    return next;
  });
  return { Group: describeGroup(group) };
});
