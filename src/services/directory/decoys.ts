/**
 * Stand-ins for users who do not exist, for app clients that hide whether users exist
 * (PreventUserExistenceErrors): an SRP salt, a sub, a masked address, each the same every time a
 * name is asked about (in the pool's case rule), so that asking twice tells a stand-in from a real
 * user no better than asking once. Derived under a server secret kept in the store (made on first
 * use), so every instance answers alike.
 */
import { createHmac } from 'node:crypto';
import type { ClientRecord } from '../../domain/client.ts';
import type { CodePurpose } from '../../domain/code.ts';
import { usernameKey } from '../../domain/user.ts';
import type { PoolRecord } from '../../domain/pool.ts';
import { MAX_ATTEMPTS, type VerifyResult } from '../codes/codes.ts';
import type { Deps } from '../deps.ts';
import { storedSecret } from '../stored-secret.ts';

const PURPOSE = 'srp-decoy';

/** The codes a name no user holds seems to be sent (ForgotPassword, ResendConfirmationCode, a sign-in code of USER_AUTH). */
export type StandInPurpose = Extract<CodePurpose, 'sign-up' | 'forgot-password' | 'mfa'>;

/** Whether the client answers a name no user holds as it would answer a user. */
export const hidesUsers = (client: ClientRecord) => client.config.PreventUserExistenceErrors === 'ENABLED';

/**
 * The stand-ins' secret, read from the store once per store (made there on first use): it never
 * changes once made, and a simulated ForgotPassword alone derives three stand-ins from it.
 */
const standInSecret = (deps: Pick<Deps, 'store' | 'random' | 'clock'>) => storedSecret(deps, PURPOSE);

/** 32 bytes standing for `what` of the name `userName` in `pool`. */
export async function decoyBytes(deps: Pick<Deps, 'store' | 'random' | 'clock'>, pool: Pick<PoolRecord, 'id' | 'config'>, userName: string, what: string): Promise<Buffer> {
  return createHmac('sha256', await standInSecret(deps)).update(`${what}\0${pool.id}\0${usernameKey(pool.config, userName)}`).digest();
}

/**
 * The key of one of a stand-in's windows in the store (`what` says which, the pool and the name
 * being in the bytes): 16 of them, 24 characters in all, so that each made-up name costs a short
 * row (issue 18: 20,000 made-up names kept about 4.2 MB under keys such as
 * `codes:<pool>:decoy:<32 hex>:forgot-password`), whatever the length of the name.
 */
async function windowKey(deps: Pick<Deps, 'store' | 'random' | 'clock'>, pool: Pick<PoolRecord, 'id' | 'config'>, userName: string, what: string): Promise<string> {
  return `d:${(await decoyBytes(deps, pool, userName, what)).subarray(0, 16).toString('base64url')}`;
}

/**
 * The hourly code limit (limits.codesPerUserHourly) for a name answered with a simulated
 * delivery, as it holds for a user: the sixth request in an hour answers LimitExceededException
 * for both. Kept under the name's stand-in, in the same bounded, purged windows as a user's.
 */
export async function admitDecoyCode(deps: Pick<Deps, 'store' | 'random' | 'clock' | 'admission'>, pool: Pick<PoolRecord, 'id' | 'config'>, userName: string, purpose: StandInPurpose): Promise<void> {
  await deps.admission.admitStandInCode(await windowKey(deps, pool, userName, `codes\0${purpose}`), purpose);
  // As a new code would: five more answers before it seems burnt (answerWithoutCode).
  await deps.store.quotas.clearWindow(await windowKey(deps, pool, userName, `answers\0${purpose}`));
}

/**
 * A wrong answer to a code that is not there to be checked, where the client hides whether users
 * exist: a name no user holds, a disabled user, or a user whose code is missing, used or expired.
 * A user's live code answers a wrong code with CodeMismatchException five times, then is burnt
 * (LimitExceededException); so are these, their answers counted under the name's stand-in
 * in a window as long as the code's validity. ForgotPassword or ResendConfirmationCode answered
 * for the name starts the count again, as a new code would (admitDecoyCode).
 */
export async function answerWithoutCode(
  deps: Pick<Deps, 'store' | 'random' | 'clock' | 'codes'>,
  pool: Pick<PoolRecord, 'id' | 'config'>,
  userName: string,
  purpose: StandInPurpose,
): Promise<{ status: Extract<VerifyResult['status'], 'mismatch' | 'too_many_attempts'> }> {
  const key = await windowKey(deps, pool, userName, `answers\0${purpose}`);
  const taken = await deps.store.quotas.takeInWindow(key, MAX_ATTEMPTS, deps.codes.validityMs(purpose), deps.clock.now());
  return { status: taken ? 'mismatch' : 'too_many_attempts' };
}
