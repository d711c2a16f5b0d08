/**
 * A remembered device proving itself: DEVICE_SRP_AUTH (its SRP_A) is answered with the server's
 * values over the device's verifier (DEVICE_PASSWORD_VERIFIER), whose answer (the proof) lets the
 * sign-in go on, past the MFA step where the pool lets a device stand in for it. The exchange is
 * the password's SRP (services/passwords/srp.ts) with the device key as the user and the group key
 * in the pool name's place, as amazon-cognito-identity-js (CognitoUser.getDeviceResponse) and
 * Amplify (handleDeviceSRPAuth) compute it. Each proof takes a Session that only a sign-in whose
 * first factor was right can open, so guessing a device's secret costs a password each time.
 */
import type { DeviceRecord } from '../domain/device.ts';
import type { UserRecord } from '../domain/user.ts';
import { deviceNotFound, incorrectCredentials, invalidSrpA } from '../errors/index.ts';
import { isValidClientA, openState, verifyClaim } from '../services/passwords/srp.ts';
import { SealedValueError } from '../services/sealing/sealer.ts';
import type { AuthAnswer, FlowContext, SignInProgress } from './context.ts';
import type { DeviceChallengeState } from './device-step.ts';
import { afterFirstFactor } from './further-steps.ts';
import { required } from './parameters.ts';
import { newSession, takeSession } from './session.ts';
import { checkUsable, sessionUser } from './sign-in.ts';
import { claimResponses, sealKey, serverExchange } from './srp-challenge.ts';

interface DeviceVerifierState {
  deviceKey: string;
  A: string;
  B: string;
  /** b, sealed under a key derived from the SECRET_BLOCK. */
  sealedB: string;
  progress: SignInProgress;
}

/** The user's remembered device `key`, or ResourceNotFoundException (forgotten, or no longer remembered, meanwhile). */
async function rememberedDevice(fc: FlowContext, user: UserRecord, key: string, named: string | undefined): Promise<DeviceRecord> {
  const device = named === key ? await fc.deps.store.devices.get(fc.pool.id, user.sub, key) : undefined;
  if (!device || device.status !== 'remembered') throw deviceNotFound();
  return device;
}

/**
 * The device's verifier in clear. One that no configured master key opens (the database moved
 * without its key) is logged, and answered as a device the user no longer has: both clients then
 * forget it and sign in without it, confirming a new one.
 */
function deviceVerifier(fc: FlowContext, device: DeviceRecord): string {
  try {
    return fc.deps.sealer.open(device.verifier, 'device-verifier');
  } catch (e) {
    if (!(e instanceof SealedValueError)) throw e;
    fc.ctx.log.error({ userPoolId: device.poolId, sub: device.sub, deviceKey: device.key, masterKeyId: e.keyId }, `cannot check the device: ${e.message}`);
    throw deviceNotFound();
  }
}

/** RespondToAuthChallenge DEVICE_SRP_AUTH: USERNAME, DEVICE_KEY, SRP_A. */
export async function deviceSrpRespond(fc: FlowContext, sessionToken: string | undefined, responses: Record<string, string> | undefined): Promise<AuthAnswer> {
  const username = required(responses, 'USERNAME');
  const named = required(responses, 'DEVICE_KEY');
  const srpA = required(responses, 'SRP_A');
  if (!isValidClientA(srpA)) throw invalidSrpA();
  const session = await takeSession(fc, sessionToken, 'DEVICE_SRP_AUTH');
  const state = session.state as unknown as DeviceChallengeState;
  const user = await sessionUser(fc, session.sub, username);
  const device = await rememberedDevice(fc, user, state.deviceKey, named);
  const { B, secretBlock, sealedB } = serverExchange(fc, deviceVerifier(fc, device));
  const next: DeviceVerifierState = { deviceKey: device.key, A: srpA, B, sealedB, progress: state.progress };
  const Session = await newSession(fc, { sub: user.sub, challenge: 'DEVICE_PASSWORD_VERIFIER', state: { ...next } });
  return {
    ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
    Session,
    ChallengeParameters: { DEVICE_KEY: device.key, SALT: device.salt, SECRET_BLOCK: secretBlock, SRP_B: B, USERNAME: user.username },
  };
}

/** RespondToAuthChallenge DEVICE_PASSWORD_VERIFIER: the device's proof (PASSWORD_CLAIM_SIGNATURE). */
export async function devicePasswordVerify(fc: FlowContext, sessionToken: string | undefined, responses: Record<string, string> | undefined): Promise<AuthAnswer> {
  const { username, secretBlock, signature, timestamp } = claimResponses(responses);
  const session = await takeSession(fc, sessionToken, 'DEVICE_PASSWORD_VERIFIER');
  const state = session.state as unknown as DeviceVerifierState;
  const user = await sessionUser(fc, session.sub, username);
  const device = await rememberedDevice(fc, user, state.deviceKey, responses?.DEVICE_KEY ?? state.deviceKey);
  const opened = openState<{ b: string }>(sealKey(secretBlock), state.sealedB);
  const result = opened
    ? verifyClaim({
        poolId: fc.pool.id, realm: device.groupKey, userIdForSrp: device.key, salt: device.salt, verifier: deviceVerifier(fc, device),
        b: opened.b, B: state.B, A: state.A, secretBlock, timestamp, signature, now: new Date(fc.deps.clock.now()),
      })
    : ({ ok: false } as const);
  if (!result.ok) throw incorrectCredentials();
  checkUsable(user);
  const now = fc.deps.clock.now();
  await fc.deps.store.devices.touch(fc.pool.id, user.sub, device.key, now, fc.ctx.sourceIp ?? null);
  const progress: SignInProgress = { ...state.progress, source: 'TokenGeneration_AuthenticateDevice', deviceKey: device.key, deviceAuthenticated: true };
  return afterFirstFactor(fc, user, progress, 'device');
}
