import type { GetDeviceRequest, GetDeviceResponse } from '@aws-sdk/client-cognito-identity-provider';
import { describeDevice } from '../../domain/device.ts';
import type { Wire } from '../../domain/wire.ts';
import { deviceNotFound } from '../../errors/index.ts';
import { userOperation } from '../operation.ts';

/** One of the signed-in user's devices; another user's key is as unknown as a made-up one. */
export default userOperation<GetDeviceRequest, Wire<GetDeviceResponse>, 'store' | 'config'>('GetDevice', async ({ store, config }, input, ctx) => {
  const { pool, user } = ctx;
  const device = await store.devices.get(pool.id, user.sub, input.DeviceKey!);
  if (!device) throw deviceNotFound();
  return { Device: describeDevice(device, { accountId: config.accountId, owner: user.username }) };
});
