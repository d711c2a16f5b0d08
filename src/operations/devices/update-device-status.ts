import type { UpdateDeviceStatusRequest, UpdateDeviceStatusResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { Wire } from '../../domain/wire.ts';
import { deviceNotFound, deviceStatusRequired } from '../../errors/index.ts';
import { userOperation } from '../operation.ts';

/** Remembers one of the signed-in user's devices (it then proves itself at sign-in, and may stand in for MFA), or stops. */
export default userOperation<UpdateDeviceStatusRequest, Wire<UpdateDeviceStatusResponse>, 'store' | 'clock'>('UpdateDeviceStatus', async ({ store, clock }, input, ctx) => {
  if (!input.DeviceRememberedStatus) throw deviceStatusRequired();
  if (!(await store.devices.setStatus(ctx.pool.id, ctx.user.sub, input.DeviceKey!, input.DeviceRememberedStatus, clock.now()))) throw deviceNotFound();
  return {};
});
