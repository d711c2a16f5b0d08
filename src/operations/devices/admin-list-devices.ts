import type { AdminListDevicesRequest, AdminListDevicesResponse } from '@aws-sdk/client-cognito-identity-provider';
import { describeDevice } from '../../domain/device.ts';
import { compact, type Wire } from '../../domain/wire.ts';
import { listPage } from '../../services/directory/paging.ts';
import { requireUser } from '../../services/directory/users.ts';
import { poolOperation } from '../operation.ts';

/** A user's devices, oldest first, `Limit` (at most 60, the default) a page. */
export default poolOperation<AdminListDevicesRequest, Wire<AdminListDevicesResponse>, 'store' | 'config'>('AdminListDevices', async ({ store, config }, input, ctx) => {
  const user = await requireUser(store, ctx.pool, input.Username!);
  const page = await listPage({ limit: input.Limit || 60, after: input.PaginationToken }, (p) => store.devices.list(ctx.pool.id, user.sub, p));
  return compact({ Devices: page.items.map((d) => describeDevice(d, { accountId: config.accountId, owner: user.username })), PaginationToken: page.next });
});
