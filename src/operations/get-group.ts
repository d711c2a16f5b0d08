import type { GetGroupRequest, GetGroupResponse } from '@aws-sdk/client-cognito-identity-provider';
import { describeGroup, requireGroup } from '../domain/group.ts';
import type { Wire } from '../domain/wire.ts';
import { requirePool } from './steps.ts';
import { operation } from './types.ts';

export default operation<GetGroupRequest, Wire<GetGroupResponse>, 'store'>('GetGroup', async ({ store }, input) => {
  const pool = await requirePool(store, input.UserPoolId!);
  return { Group: describeGroup(await requireGroup(store, pool.id, input.GroupName!)) };
});
