import type { GetGroupRequest, GetGroupResponse } from '@aws-sdk/client-cognito-identity-provider';
import { describeGroup } from '../../domain/group.ts';
import type { Wire } from '../../domain/wire.ts';
import { requireGroup } from '../../services/directory/groups.ts';
import { poolOperation } from '../operation.ts';

export default poolOperation<GetGroupRequest, Wire<GetGroupResponse>, 'store'>('GetGroup', async ({ store }, input, ctx) => {
  const { pool } = ctx;
  return { Group: describeGroup(await requireGroup(store, pool.id, input.GroupName!)) };
});
