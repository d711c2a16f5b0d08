/**
 * A device's identifiers: its key, `<region>_<uuid>` as AWS's ("The device key is in the format
 * Region_UUID", https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html),
 * and the user's device group key, which the client hashes in the pool name's place when it makes
 * the device's verifier. The group key is derived from the user under a server secret kept in the
 * store, so that it is the same at every sign-in and on every instance and needs no row of its own
 * before the device is confirmed.
 */
import { createHmac } from 'node:crypto';
import { newSub } from '../../domain/new-user.ts';
import { poolRegion } from '../../domain/pool.ts';
import type { Deps } from '../deps.ts';
import { storedSecret } from '../stored-secret.ts';

const PURPOSE = 'device-group-key';

/** The group keys' secret: it never changes, as a group key must not under a device confirmed with it. */
const groupSecret = (deps: Pick<Deps, 'store' | 'random' | 'clock'>) => storedSecret(deps, PURPOSE);

/** A new device key in the pool's region. */
export const newDeviceKey = (deps: Pick<Deps, 'random'>, poolId: string) => `${poolRegion(poolId)}_${newSub(deps.random)}`;

/** The user's device group key: `-` and 8 characters (AWS documents no format for it; clients treat it as opaque). */
export async function deviceGroupKey(deps: Pick<Deps, 'store' | 'random' | 'clock'>, poolId: string, sub: string): Promise<string> {
  const h = createHmac('sha256', await groupSecret(deps)).update(`${poolId}\0${sub}`).digest();
  return `-${h.subarray(0, 6).toString('base64url')}`;
}
