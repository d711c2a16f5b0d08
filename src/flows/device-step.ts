/**
 * The remembered-device step of a sign-in (further-steps.ts), and the device its tokens are issued
 * to. In a pool that tracks devices, a sign-in that names no device gets a new device key
 * (NewDeviceMetadata) for the client to confirm (ConfirmDevice); one that names a confirmed device
 * of the user is issued to it, and a remembered one must first prove itself with its own SRP
 * (DEVICE_SRP_AUTH, answered in device-answers.ts). AWS: "Amazon Cognito includes a device key in
 * the response to any sign-in that doesn't already include device information"
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html).
 */
import type { NewDeviceMetadataType } from '@aws-sdk/client-cognito-identity-provider';
import { tracksDevices } from '../domain/device.ts';
import type { UserRecord } from '../domain/user.ts';
import type { Wire } from '../domain/wire.ts';
import { deviceNotFound } from '../errors/index.ts';
import { deviceGroupKey, newDeviceKey } from '../services/devices/keys.ts';
import type { AuthAnswer, FlowContext, SignInProgress } from './context.ts';
import { newSession } from './session.ts';

/** What a DEVICE_SRP_AUTH Session keeps. */
export interface DeviceChallengeState {
  deviceKey: string;
  progress: SignInProgress;
}

/** The step (a FurtherStep: this file may not import further-steps.ts, which imports it). */
export const deviceStep = {
  name: 'device',
  async run(fc: FlowContext, user: UserRecord, progress: SignInProgress): Promise<AuthAnswer | undefined> {
    const key = fc.deviceKey;
    if (!key || !tracksDevices(fc.pool)) return undefined;
    const device = await fc.deps.store.devices.get(fc.pool.id, user.sub, key);
    // Clients (amazon-cognito-identity-js, Amplify) forget a device so answered and sign in again without it.
    if (!device) throw deviceNotFound();
    progress.deviceKey = key;
    // A device not remembered is tracked only: its secret is not asked for (Amplify's device
    // features: "the device credentials are not used to authenticate the device").
    if (device.status !== 'remembered') return undefined;
    const state: DeviceChallengeState = { deviceKey: key, progress };
    const Session = await newSession(fc, { sub: user.sub, challenge: 'DEVICE_SRP_AUTH', state: { ...state } });
    return { ChallengeName: 'DEVICE_SRP_AUTH', Session, ChallengeParameters: { USERNAME: user.username, DEVICE_KEY: key } };
  },
};

/** The device a sign-in's tokens are issued to, and the new one to announce (NewDeviceMetadata). */
export async function signInDevice(fc: FlowContext, user: UserRecord, progress: SignInProgress): Promise<{ deviceKey?: string; metadata?: Wire<NewDeviceMetadataType> }> {
  if (!tracksDevices(fc.pool)) return {};
  const { deps, pool } = fc;
  if (progress.deviceKey) {
    await deps.store.devices.touch(pool.id, user.sub, progress.deviceKey, deps.clock.now(), fc.ctx.sourceIp ?? null);
    return { deviceKey: progress.deviceKey };
  }
  const DeviceKey = newDeviceKey(deps, pool.id);
  return { deviceKey: DeviceKey, metadata: { DeviceKey, DeviceGroupKey: await deviceGroupKey(deps, pool.id, user.sub) } };
}
