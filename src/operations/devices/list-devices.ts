import type { ListDevicesRequest, ListDevicesResponse } from '@aws-sdk/client-cognito-identity-provider';
import { describeDevice } from '../../domain/device.ts';
import { compact, type Wire } from '../../domain/wire.ts';
import { listPage } from '../../services/directory/paging.ts';
import { userOperation } from '../operation.ts';

/** The signed-in user's devices, oldest first, `Limit` (at most 60, the default) a page. */
export default userOperation<ListDevicesRequest, Wire<ListDevicesResponse>, 'store' | 'config'>('ListDevices', async ({ store, config }, input, ctx) => {
  const { pool, user } = ctx;
  const page = await listPage({ limit: input.Limit || 60, after: input.PaginationToken }, (p) => store.devices.list(pool.id, user.sub, p));
  return compact({ Devices: page.items.map((d) => describeDevice(d, { accountId: config.accountId, owner: user.username })), PaginationToken: page.next });
});
