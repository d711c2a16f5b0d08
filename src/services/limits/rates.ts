import { attemptLimitExceeded, rateExceeded } from '../../errors/index.ts';
import type { LimitedCodePurpose, QuotaCategory, RateLimitConfig } from '../../ground/config/limits.ts';
import type { QuotaRepository } from '../../storage/repositories/quotas.ts';

/** The developer guide's defaults. */
export const DEFAULT_RATES: Readonly<Record<QuotaCategory, number>> = {
  UserAuthentication: 120,
  UserCreation: 50,
  UserAccountRecovery: 30,
  UserRead: 120,
  UserUpdate: 25,
  UserToken: 120,
};

/** Which category each operation counts against (operations not listed are not rate-limited). */
export const CATEGORY_OF: Readonly<Record<string, QuotaCategory>> = {
  InitiateAuth: 'UserAuthentication', AdminInitiateAuth: 'UserAuthentication',
  RespondToAuthChallenge: 'UserAuthentication', AdminRespondToAuthChallenge: 'UserAuthentication',
  SignUp: 'UserCreation', AdminCreateUser: 'UserCreation', ConfirmSignUp: 'UserCreation', AdminConfirmSignUp: 'UserCreation', ResendConfirmationCode: 'UserCreation',
  ForgotPassword: 'UserAccountRecovery', ConfirmForgotPassword: 'UserAccountRecovery', ChangePassword: 'UserAccountRecovery',
  AdminResetUserPassword: 'UserAccountRecovery', AdminSetUserPassword: 'UserAccountRecovery',
  GetUser: 'UserRead', AdminGetUser: 'UserRead', ListUsers: 'UserRead', AdminListGroupsForUser: 'UserRead', ListUsersInGroup: 'UserRead',
  GetUserAttributeVerificationCode: 'UserUpdate', VerifyUserAttribute: 'UserUpdate', UpdateUserAttributes: 'UserUpdate', AdminUpdateUserAttributes: 'UserUpdate',
  DeleteUserAttributes: 'UserUpdate', AdminDeleteUserAttributes: 'UserUpdate', AdminDisableUser: 'UserUpdate', AdminEnableUser: 'UserUpdate',
  AdminAddUserToGroup: 'UserUpdate', AdminRemoveUserFromGroup: 'UserUpdate', DeleteUser: 'UserUpdate', AdminDeleteUser: 'UserUpdate',
  SetUserMFAPreference: 'UserUpdate', AdminSetUserMFAPreference: 'UserUpdate', SetUserSettings: 'UserUpdate', AdminSetUserSettings: 'UserUpdate',
  AssociateSoftwareToken: 'UserUpdate', VerifySoftwareToken: 'UserUpdate',
  GetTokensFromRefreshToken: 'UserToken', RevokeToken: 'UserToken', GlobalSignOut: 'UserToken', AdminUserGlobalSignOut: 'UserToken',
};

/** RespondToAuthChallenge may run at three times the UserAuthentication rate (one sign-in can take several challenges). */
const CHALLENGE_FACTOR = 3;

/**
 * Codes per user per hour: 5 of each kind a user asks for outside sign-in (Cognito documents 5
 * verification codes per user per hour), 10 sign-in codes (a user may sign in several times an
 * hour, each with an MFA or passwordless code; anyone who knows a username can ask for the
 * passwordless ones, so they are bounded too).
 */
export const DEFAULT_CODES_PER_USER_HOURLY: Readonly<Record<LimitedCodePurpose, number>> = { 'sign-up': 5, 'forgot-password': 5, 'attribute-verification': 5, mfa: 10 };

/** Requests per second that resolve to no pool, all together. */
export const DEFAULT_UNRESOLVED_RATE = 50;

const HOUR_MS = 3_600_000;

export function defaultRateLimits(production: boolean): RateLimitConfig {
  return {
    requestRates: production,
    rates: { ...DEFAULT_RATES },
    perUserHourly: { GetUserAttributeVerificationCode: 5, VerifyUserAttribute: 15 },
    codesPerUserHourly: { ...DEFAULT_CODES_PER_USER_HOURLY },
    unresolvedRate: DEFAULT_UNRESOLVED_RATE,
  };
}

/**
 * The pool's request-rate quota for the operation's category, as a token bucket in the store: it
 * holds for the pool across every instance on the database (each take is one atomic statement).
 * The burst is one second's worth.
 */
export async function checkRequestRate(quotas: QuotaRepository, config: RateLimitConfig, poolId: string, operation: string, now: number): Promise<void> {
  if (!config.requestRates) return;
  const category = CATEGORY_OF[operation];
  if (!category) return;
  const challenge = operation.endsWith('RespondToAuthChallenge');
  const rate = config.rates[category] * (challenge ? CHALLENGE_FACTOR : 1);
  const key = `rate:${poolId}:${category}${challenge ? ':challenge' : ''}`;
  if (!(await quotas.takeToken(key, rate, rate, now))) throw rateExceeded();
}

/** Cognito's per-user limit on an operation (e.g. 5 verification codes per user per hour), over a sliding hour. */
export async function checkUserLimit(quotas: QuotaRepository, config: RateLimitConfig, poolId: string, sub: string, operation: string, now: number): Promise<void> {
  const perHour = config.perUserHourly[operation];
  if (!perHour) return;
  if (!(await quotas.takeInWindow(`user:${poolId}:${sub}:${operation}`, perHour, HOUR_MS, now))) throw attemptLimitExceeded();
}

/** The window of the codes of one purpose sent to one user, whichever operation sends them. */
export const userCodesWindow = (poolId: string, sub: string, purpose: string) => `codes:${poolId}:${sub}:${purpose}`;

/** The codes of one purpose counted in any hour in `window` (a user's, or a stand-in's for a name no user holds). */
export async function checkCodeLimit(quotas: QuotaRepository, config: RateLimitConfig, window: string, purpose: string, now: number): Promise<void> {
  const perHour = (config.codesPerUserHourly as Record<string, number>)[purpose];
  if (!perHour) return;
  if (!(await quotas.takeInWindow(window, perHour, HOUR_MS, now))) throw attemptLimitExceeded();
}

/** The one bucket of requests that resolve to no pool (see RateLimitConfig.unresolvedRate). */
export async function checkUnresolvedRate(quotas: QuotaRepository, config: RateLimitConfig, now: number): Promise<void> {
  if (!config.requestRates || !config.unresolvedRate) return;
  if (!(await quotas.takeToken('rate:unresolved', config.unresolvedRate, config.unresolvedRate, now))) throw rateExceeded();
}
