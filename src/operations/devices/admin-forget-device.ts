import type { AdminForgetDeviceRequest } from '@aws-sdk/client-cognito-identity-provider';
import { forgetDevice } from '../../services/devices/forget.ts';
import { requireUser } from '../../services/directory/users.ts';
import { poolOperation } from '../operation.ts';

export default poolOperation<AdminForgetDeviceRequest, object, 'store' | 'clock'>('AdminForgetDevice', async (deps, input, ctx) => {
  const user = await requireUser(deps.store, ctx.pool, input.Username!);
  await forgetDevice(deps, ctx.pool.id, user.sub, input.DeviceKey!);
  return {};
});
