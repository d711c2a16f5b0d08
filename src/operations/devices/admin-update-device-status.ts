import type { AdminUpdateDeviceStatusRequest, AdminUpdateDeviceStatusResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { Wire } from '../../domain/wire.ts';
import { deviceNotFound, deviceStatusRequired } from '../../errors/index.ts';
import { requireUser } from '../../services/directory/users.ts';
import { poolOperation } from '../operation.ts';

export default poolOperation<AdminUpdateDeviceStatusRequest, Wire<AdminUpdateDeviceStatusResponse>, 'store' | 'clock'>('AdminUpdateDeviceStatus', async ({ store, clock }, input, ctx) => {
  if (!input.DeviceRememberedStatus) throw deviceStatusRequired();
  const user = await requireUser(store, ctx.pool, input.Username!);
  if (!(await store.devices.setStatus(ctx.pool.id, user.sub, input.DeviceKey!, input.DeviceRememberedStatus, clock.now()))) throw deviceNotFound();
  return {};
});
