/**
 * What may stand between a proven first factor (password, SRP, a custom challenge, a new password)
 * and the tokens: a remembered device's own proof (DEVICE_SRP_AUTH), then a second factor (MFA).
 * Each step either answers with a challenge, whose answer comes back through
 * RespondToAuthChallenge and resumes here with the steps after it, or lets the sign-in go on.
 */
import type { UserRecord } from '../domain/user.ts';
import type { PreTokenGenerationTriggerSource } from '../services/triggers/index.ts';
import { nowSeconds, type AuthAnswer, type FlowContext, type SignInProgress } from './context.ts';
import { deviceStep, signInDevice } from './device-step.ts';
import { issueTokens } from './issue-tokens.ts';
import { MFA_STEP, mfaStep } from './mfa-step.ts';
import { hidesUsers } from '../services/directory/decoys.ts';
import { eventContext } from '../services/threat/context.ts';
import { postAuthentication } from './triggers.ts';

/** A step: a challenge to answer first, or undefined to go on. */
export interface FurtherStep {
  name: string;
  run(fc: FlowContext, user: UserRecord, progress: SignInProgress): Promise<AuthAnswer | undefined>;
}

/** In the order Cognito takes them. */
const STEPS: FurtherStep[] = [deviceStep, mfaStep];

/**
 * Runs the steps (after the one named `passed`, when a challenge of it was just answered), then
 * PostAuthentication, PreTokenGeneration and the tokens.
 */
export async function afterFirstFactor(fc: FlowContext, user: UserRecord, progress: SignInProgress, passed?: string): Promise<AuthAnswer> {
  if (passed === undefined) progress = await assessRisk(fc, user, progress);
  else if (passed === MFA_STEP && progress.risk) progress = { ...progress, risk: { ...progress.risk, mfaPassed: true } };
  const from = passed === undefined ? 0 : STEPS.findIndex((s) => s.name === passed) + 1;
  for (const step of STEPS.slice(from)) {
    const challenge = await step.run(fc, user, progress);
    if (challenge) return challenge;
  }
  return finishSignIn(fc, user, progress.source, progress.clientMetadata, progress);
}

/**
 * Threat protection, once the first factor is proven (docs/threat-protection.md): the sign-in's
 * risk, kept in its progress; a block is thrown here. A pool without it is not asked anything.
 */
async function assessRisk(fc: FlowContext, user: UserRecord, progress: SignInProgress): Promise<SignInProgress> {
  if (fc.deps.threat.mode(fc.pool) === 'OFF') return progress;
  const context = eventContext(fc.ctx, fc.client, fc.claimed);
  const risk = await fc.deps.threat.assessSignIn({ pool: fc.pool, client: fc.client, user, context, password: fc.signInPassword });
  return risk ? { ...progress, risk } : progress;
}

/** Threat protection: a wrong password for a user the pool has is a failed sign-in in the user's history. */
export async function recordFailedPassword(fc: FlowContext, user: UserRecord): Promise<void> {
  if (fc.deps.threat.mode(fc.pool) === 'OFF') return;
  const recorded = fc.deps.threat.record(fc.pool, user, 'SignIn', eventContext(fc.ctx, fc.client, fc.claimed), { response: 'Fail', challenges: [{ ChallengeName: 'Password', ChallengeResponse: 'Failure' }] });
  // A client that hides users answers a wrong password as fast as a name no user holds: the event is not waited for.
  if (hidesUsers(fc.client)) recorded.catch((e: unknown) => fc.ctx.log.warn({ err: e }, 'auth event not recorded'));
  else await recorded;
}

/**
 * PostAuthentication, PreTokenGeneration and the tokens: the end of every successful sign-in. In a
 * pool that tracks devices the tokens are issued to the sign-in's device (device-step.ts), a new
 * one announced in NewDeviceMetadata.
 */
export async function finishSignIn(
  fc: FlowContext, user: UserRecord, source: PreTokenGenerationTriggerSource, clientMetadata: Record<string, string> | undefined,
  progress: SignInProgress = { source, clientMetadata },
): Promise<AuthAnswer> {
  if (progress.risk) await fc.deps.threat.signedIn(fc.pool, fc.client, user, progress.risk);
  if (fc.hosted) {
    // The managed login pages remember no device: AWS's hosted UI does not take part in device tracking.
    await postAuthentication(fc, user, clientMetadata, undefined);
    return { ChallengeParameters: {}, SignedIn: { sub: user.sub, authTime: nowSeconds(fc) } };
  }
  const device = await signInDevice(fc, user, progress);
  await postAuthentication(fc, user, clientMetadata, device.deviceKey === undefined ? undefined : !!device.metadata);
  const tokens = await issueTokens(fc, user, { source, authTime: nowSeconds(fc), withRefreshToken: true, clientMetadata, deviceKey: device.deviceKey });
  return { ChallengeParameters: {}, AuthenticationResult: device.metadata ? { ...tokens, NewDeviceMetadata: device.metadata } : tokens };
}
