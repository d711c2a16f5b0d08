import type { GetGroupRequest, GetGroupResponse } from '@aws-sdk/client-cognito-identity-provider';
import { describeGroup } from '../../domain/group.ts';
import { requireGroup } from '../../services/directory/groups.ts';
import type { Wire } from '../../domain/wire.ts';
import { requirePool } from '../../services/directory/pools.ts';
import { operation } from '../operation.ts';

export default operation<GetGroupRequest, Wire<GetGroupResponse>, 'store'>('GetGroup', async ({ store }, input) => {
  const pool = await requirePool(store, input.UserPoolId!);
  return { Group: describeGroup(await requireGroup(store, pool.id, input.GroupName!)) };
});
