/**
 * TOTP authenticators: AssociateSoftwareToken makes a shared secret (sealed at rest, pending until
 * verified), VerifySoftwareToken proves the user's app holds it, and SOFTWARE_TOKEN_MFA answers are
 * checked against it. Signed in (AccessToken) or in the middle of a sign-in (the Session of an
 * MFA_SETUP challenge, which each step hands on as a new Session). Every code checked counts
 * towards the user's lockout for answers (lockout.ts), so a known password does not give an
 * attacker unlimited guesses at six digits across sign-ins.
 */
import type { FastifyBaseLogger } from 'fastify';
import { userMfa, type SoftwareToken, type UserMfaSettings } from '../domain/mfa.ts';
import type { PoolRecord } from '../domain/pool.ts';
import type { UserRecord } from '../domain/user.ts';
import { invalidSession, mfaCodeMismatch, softwareTokenMismatch, softwareTokenNotFound, softwareTokenReused, type CognitoError } from '../errors/index.ts';
import { checkTotp, newTotpSecret, type TotpCheck } from '../services/mfa/totp.ts';
import { updateMfaSettings } from '../services/mfa/preferences.ts';
import { SealedValueError, type Sealer } from '../services/sealing/sealer.ts';
import type { FlowContext, FlowDeps } from './context.ts';
import { countedAnswer } from './lockout.ts';
import type { MfaChallengeState } from './mfa-step.ts';
import { hashToken, newSession, putBack } from './session.ts';
import { checkUsable } from './sign-in.ts';

type Deps = Pick<FlowDeps, 'store' | 'clock' | 'random' | 'sealer'>;

type Log = Pick<FastifyBaseLogger, 'error'>;

/**
 * The token's secret in clear. One that no configured master key opens (the database moved without
 * its key) is logged, and answered as a wrong code, before anything counts against the lockout:
 * the user is not to blame (as a password record is, services/passwords/sealed.ts).
 */
function openSecret(sealer: Sealer, log: Log, user: UserRecord, token: SoftwareToken, mismatch: () => CognitoError): string {
  try {
    return sealer.open(token.secret, 'totp-secret');
  } catch (e) {
    if (!(e instanceof SealedValueError)) throw e;
    log.error({ userPoolId: user.poolId, sub: user.sub, masterKeyId: e.keyId }, `cannot check the TOTP code: ${e.message}`);
    throw mismatch();
  }
}

/**
 * Checks a code against a token (counted), and on success keeps the step it was taken for, in the
 * same write that `settle` makes; a code of a step already taken is refused even when two answers
 * race (the write re-reads the user). Throws `mismatch()` for a wrong code.
 */
async function takeCode(
  deps: Deps,
  log: Log,
  pool: PoolRecord,
  user: UserRecord,
  code: string,
  which: 'SoftwareToken' | 'PendingSoftwareToken',
  mismatch: () => CognitoError,
  settle: (token: SoftwareToken, step: number) => UserMfaSettings,
): Promise<UserRecord> {
  const { store, clock, sealer } = deps;
  const token = userMfa(user)[which];
  if (!token) throw softwareTokenNotFound();
  const secret = openSecret(sealer, log, user, token, mismatch);
  const now = clock.now();
  let check: TotpCheck = { status: 'mismatch' };
  await countedAnswer(store, pool, { sub: user.sub }, now, async () => {
    check = checkTotp(secret, code, now, token.lastStep);
    return check.status === 'ok';
  }, 'code');
  const result = check as TotpCheck;
  if (result.status === 'mismatch') throw mismatch();
  if (result.status === 'used') throw softwareTokenReused();
  return updateMfaSettings(store, pool, user.sub, now, (u) => {
    const current = userMfa(u)[which];
    // The same secret, though `cognate reseal` may have sealed it anew meanwhile.
    if (!current || (current.secret !== token.secret && openSecret(sealer, log, u, current, softwareTokenNotFound) !== secret)) throw softwareTokenNotFound();
    if (current.lastStep !== undefined && result.step <= current.lastStep) throw softwareTokenReused();
    return settle(current, result.step);
  });
}

/** SOFTWARE_TOKEN_MFA's code: the user's verified authenticator. */
export function takeSignInCode(deps: Deps, log: Log, pool: PoolRecord, user: UserRecord, code: string): Promise<UserRecord> {
  return takeCode(deps, log, pool, user, code, 'SoftwareToken', mfaCodeMismatch, (t, step) => ({ SoftwareToken: { ...t, lastStep: step } }));
}

/** A new secret, pending until verified (an authenticator the user already has stays until then). */
async function associate(deps: Deps, pool: PoolRecord, user: UserRecord): Promise<string> {
  const secret = newTotpSecret(deps.random);
  await updateMfaSettings(deps.store, pool, user.sub, deps.clock.now(), () => ({ PendingSoftwareToken: { secret: deps.sealer.seal(secret, 'totp-secret') } }));
  return secret;
}

/** The pending secret verified: it becomes the user's authenticator, its step taken. */
function verify(deps: Deps, log: Log, pool: PoolRecord, user: UserRecord, code: string, friendlyName: string | undefined): Promise<UserRecord> {
  return takeCode(deps, log, pool, user, code, 'PendingSoftwareToken', softwareTokenMismatch, (t, step) => ({
    SoftwareToken: { secret: t.secret, lastStep: step, ...(friendlyName ? { friendlyName } : {}) },
    PendingSoftwareToken: undefined,
  }));
}

/** The MFA_SETUP session `token` in the phase given, taken, with the context of its pool and client. */
async function takeSetupSession(deps: FlowDeps, ctx: FlowContext['ctx'], token: string, phase: MfaChallengeState['phase']) {
  const s = await deps.store.authSessions.take(hashToken(token), deps.clock.now());
  if (!s || s.challenge !== 'MFA_SETUP' || (s.state as unknown as MfaChallengeState).phase !== phase) throw invalidSession();
  const [pool, client, user] = await Promise.all([deps.store.pools.get(s.poolId), deps.store.clients.get(s.poolId, s.clientId), deps.store.users.get(s.poolId, s.sub)]);
  if (!pool || !client || !user) throw invalidSession();
  checkUsable(user);
  const fc: FlowContext = { deps, ctx, pool, client, admin: false, ...(s.state.hosted === true ? { hosted: true } : {}) };
  return { fc, session: s, user, state: s.state as unknown as MfaChallengeState };
}

export async function associateSignedIn(deps: Deps, pool: PoolRecord, user: UserRecord): Promise<{ SecretCode: string }> {
  return { SecretCode: await associate(deps, pool, user) };
}

export async function associateInSignIn(deps: FlowDeps, ctx: FlowContext['ctx'], token: string): Promise<{ SecretCode: string; Session: string }> {
  const { fc, user, state } = await takeSetupSession(deps, ctx, token, 'setup');
  const SecretCode = await associate(deps, fc.pool, user);
  const next: MfaChallengeState = { ...state, phase: 'associated' };
  return { SecretCode, Session: await newSession(fc, { sub: user.sub, challenge: 'MFA_SETUP', state: { ...next } }) };
}

export async function verifySignedIn(deps: Deps, log: Log, pool: PoolRecord, user: UserRecord, code: string, friendlyName: string | undefined): Promise<{ Status: 'SUCCESS' }> {
  await verify(deps, log, pool, user, code, friendlyName);
  return { Status: 'SUCCESS' };
}

/** A wrong code keeps the session for another try (the answers' lockout bounds them). */
export async function verifyInSignIn(
  deps: FlowDeps,
  ctx: FlowContext['ctx'],
  token: string,
  code: string,
  friendlyName: string | undefined,
): Promise<{ Status: 'SUCCESS'; Session: string }> {
  const { fc, session, user, state } = await takeSetupSession(deps, ctx, token, 'associated');
  try {
    await verify(deps, ctx.log, fc.pool, user, code, friendlyName);
  } catch (e) {
    await putBack(fc, token, session);
    throw e;
  }
  const next: MfaChallengeState = { ...state, phase: 'verified' };
  return { Status: 'SUCCESS', Session: await newSession(fc, { sub: user.sub, challenge: 'MFA_SETUP', state: { ...next } }) };
}
