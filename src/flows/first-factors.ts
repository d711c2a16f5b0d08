/**
 * The first factors of choice-based sign-in (USER_AUTH), in the order AvailableChallenges lists
 * them: what the pool's AllowedFirstAuthFactors must hold for each, whether a user can use it, and
 * what starts it. PREFERRED_CHALLENGE and SELECT_CHALLENGE's ANSWER both start one from here, with
 * the parameters that come with them (PASSWORD, SRP_A).

 */
import type { ChallengeNameType } from '@aws-sdk/client-cognito-identity-provider';
import type { PoolConfig } from '../domain/pool.ts';
import type { FirstAuthFactor } from '../domain/sign-in-policy.ts';
import { allowedFirstFactors } from '../domain/sign-in-policy.ts';
import type { UserRecord } from '../domain/user.ts';
import { decoyBytes } from '../services/directory/decoys.ts';
import type { AuthAnswer, FlowContext } from './context.ts';
import { required } from './parameters.ts';
import { canReceive, passwordlessCodeStart } from './passwordless-codes.ts';
import { srpStart } from './srp-challenge.ts';
import { passwordSignIn } from './user-password.ts';
import { passkeyStart } from './passkey-start.ts';
import { canSignInWithPasskey } from './webauthn-challenge.ts';

/** What telling whether a user can use a factor needs: the pool, and the store (a user's passkeys). */
export type FactorContext = Pick<FlowContext, 'pool'> & { deps: Pick<FlowContext['deps'], 'store' | 'tokens'> };

export interface FirstFactor {
  /** The AllowedFirstAuthFactors member that allows it. */
  allowedBy: FirstAuthFactor;
  /** Whether the user can sign in with it. */
  usable(fc: FactorContext, user: UserRecord): boolean | Promise<boolean>;
  /** Starts it for the name (user or not: each start finds the user and hides who exists as its flow does). */
  start(fc: FlowContext, userName: string, params: Record<string, string> | undefined): Promise<AuthAnswer>;
}

const hasPassword = (_fc: FactorContext, user: UserRecord) => user.password !== null;

export const FIRST_FACTORS = {
  // The password itself, checked (and counted towards the lockout) as USER_PASSWORD_AUTH checks it.
  PASSWORD: { allowedBy: 'PASSWORD', usable: hasPassword, start: (fc, userName, params) => passwordSignIn(fc, userName, required(params, 'PASSWORD')) },
  // SRP: the PASSWORD_VERIFIER challenge of USER_SRP_AUTH.
  PASSWORD_SRP: { allowedBy: 'PASSWORD', usable: hasPassword, start: (fc, userName, params) => srpStart(fc, userName, required(params, 'SRP_A')) },
  EMAIL_OTP: { allowedBy: 'EMAIL_OTP', usable: (_fc, user) => canReceive(user, 'EMAIL_OTP'), start: (fc, userName) => passwordlessCodeStart(fc, userName, 'EMAIL_OTP') },
  SMS_OTP: { allowedBy: 'SMS_OTP', usable: (_fc, user) => canReceive(user, 'SMS_OTP'), start: (fc, userName) => passwordlessCodeStart(fc, userName, 'SMS_OTP') },
  WEB_AUTHN: { allowedBy: 'WEB_AUTHN', usable: canSignInWithPasskey, start: (fc, userName) => passkeyStart(fc, userName) },
} as const satisfies Partial<Record<ChallengeNameType, FirstFactor>>;

export type FirstFactorName = keyof typeof FIRST_FACTORS;

export const isFirstFactor = (name: string | undefined): name is FirstFactorName => name !== undefined && Object.hasOwn(FIRST_FACTORS, name);

/** The pool allows these; in table order. */
function allowedByPool(pool: PoolConfig): FirstFactorName[] {
  const allowed = allowedFirstFactors(pool);
  return (Object.keys(FIRST_FACTORS) as FirstFactorName[]).filter((name) => allowed.includes(FIRST_FACTORS[name].allowedBy));
}

/** What the user can choose from: the factors the pool allows that the user can use. */
export async function availableTo(fc: FactorContext, user: UserRecord): Promise<FirstFactorName[]> {
  const allowed = allowedByPool(fc.pool.config);
  const usable = await Promise.all(allowed.map((name) => FIRST_FACTORS[name].usable(fc, user)));
  return allowed.filter((_, i) => usable[i]);
}

/**
 * What a name no user holds is offered, where the client hides who exists: AWS "responds with a
 * random selection from the challenge types allowed by the user pool" (developer guide, Managing
 * user existence error responses). The selection is drawn from the name's stand-in bytes, so it is
 * the same every time, as a user's is: each allowed factor (the password's two challenges together)
 * kept by its own draw, a password more often than not, and the password alone if nothing was drawn.
 */
export async function availableToStandIn(fc: FlowContext, userName: string): Promise<FirstFactorName[]> {
  const draws = await decoyBytes(fc.deps, fc.pool, userName, 'first-factors');
  const factors: FirstAuthFactor[] = ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'];
  const kept = new Set(factors.filter((f, i) => draws[i] < (f === 'PASSWORD' ? 192 : 128)));
  const pool = allowedByPool(fc.pool.config);
  const chosen = pool.filter((name) => kept.has(FIRST_FACTORS[name].allowedBy));
  return chosen.length ? chosen : pool.filter((name) => FIRST_FACTORS[name].allowedBy === 'PASSWORD');
}

/** The factors a user can start USER_AUTH with, as GetUserAuthFactors names them (AuthFactorType). */
export const configuredFactors = async (fc: FactorContext, user: UserRecord): Promise<FirstAuthFactor[]> =>
  [...new Set((await availableTo(fc, user)).map((name) => FIRST_FACTORS[name].allowedBy))];
