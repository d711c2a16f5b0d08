import type { AdminGetDeviceRequest, AdminGetDeviceResponse } from '@aws-sdk/client-cognito-identity-provider';
import { describeDevice } from '../../domain/device.ts';
import type { Wire } from '../../domain/wire.ts';
import { deviceNotFound } from '../../errors/index.ts';
import { requireUser } from '../../services/directory/users.ts';
import { poolOperation } from '../operation.ts';

export default poolOperation<AdminGetDeviceRequest, Wire<AdminGetDeviceResponse>, 'store' | 'config'>('AdminGetDevice', async ({ store, config }, input, ctx) => {
  const user = await requireUser(store, ctx.pool, input.Username!);
  const device = await store.devices.get(ctx.pool.id, user.sub, input.DeviceKey!);
  if (!device) throw deviceNotFound();
  return { Device: describeDevice(device, { accountId: config.accountId, owner: user.username }) };
});
