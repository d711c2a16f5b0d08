import type { CreateGroupRequest, CreateGroupResponse } from '@aws-sdk/client-cognito-identity-provider';
import { describeGroup, type GroupRecord } from '../../domain/group.ts';
import type { Wire } from '../../domain/wire.ts';
import { groupExists } from '../../errors/index.ts';
import { requirePool } from '../../services/directory/pools.ts';
import { StoreConflict } from '../../storage/repositories/conflicts.ts';
import { poolOperation } from '../operation.ts';

export default poolOperation<CreateGroupRequest, Wire<CreateGroupResponse>, 'store' | 'clock'>('CreateGroup', async ({ store, clock }, input, ctx) => {
  const group = await store.transaction(async (tx) => {
    const pool = await requirePool(tx, ctx.pool.id);
    const now = clock.now();
    const g: GroupRecord = {
      poolId: pool.id,
      name: input.GroupName!,
      description: input.Description || null,
      roleArn: input.RoleArn ?? null,
      precedence: input.Precedence ?? null,
      createdAt: now,
      lastModifiedAt: now,
    };
    try {
      await tx.groups.create(g);
    } catch (e) {
      if (e instanceof StoreConflict) throw groupExists(g.name);
      throw e;
    }
    return g;
  });
  return { Group: describeGroup(group) };
});
