/**
 * Forgetting a device: it no longer signs in as itself, and the refresh tokens issued to it are
 * revoked (the access and ID tokens already issued stay good until they expire: Amplify's
 * forgetDevice() forgets the device it is signed in on and goes on with the session). AWS: "In a scenario where, for example, a device is
 * stolen, the ForgetDevice API can be used to forget that specific device, and as a result, all
 * future calls to revalidate that device's refresh tokens will fail."
 * (https://aws.amazon.com/blogs/mobile/tracking-and-remembering-devices-using-amazon-cognito-your-user-pools/)
 */
import { deviceNotFound } from '../../errors/index.ts';
import type { Deps } from '../deps.ts';

export async function forgetDevice(deps: Pick<Deps, 'store' | 'clock'>, poolId: string, sub: string, key: string): Promise<void> {
  await deps.store.transaction(async (tx) => {
    if (!(await tx.devices.delete(poolId, sub, key))) throw deviceNotFound();
    await tx.tokens.revokeForDevice(poolId, sub, key, deps.clock.now());
  });
}
