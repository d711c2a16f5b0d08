import type { ForgetDeviceRequest } from '@aws-sdk/client-cognito-identity-provider';
import { forgetDevice } from '../../services/devices/forget.ts';
import { userOperation } from '../operation.ts';

/** Forgets one of the signed-in user's devices, and revokes the tokens issued to it. */
export default userOperation<ForgetDeviceRequest, object, 'store' | 'clock'>('ForgetDevice', async (deps, input, ctx) => {
  await forgetDevice(deps, ctx.pool.id, ctx.user.sub, input.DeviceKey!);
  return {};
});
