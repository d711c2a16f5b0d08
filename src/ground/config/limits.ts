/** Cognito's request-rate quota categories (requests per second per account; Cognate applies them per pool). */
export type QuotaCategory = 'UserAuthentication' | 'UserCreation' | 'UserAccountRecovery' | 'UserRead' | 'UserUpdate' | 'UserToken';

export interface RateLimitConfig {
  /** Enforce the request-rate quotas (the production default; off in development). */
  requestRates: boolean;
  rates: Record<QuotaCategory, number>;
  /** Requests per user per hour, by operation (Cognito's: 5 codes, 15 verifications); 0 is no limit. */
  perUserHourly: Record<string, number>;
  /**
   * Codes sent to one user in any hour, by what they are for, whichever operation sends them; 0 is
   * no limit. With 5 answers a code, this bounds the guesses at a user's codes (5 × 5 an hour).
   */
  codesPerUserHourly: Record<LimitedCodePurpose, number>;
  /**
   * Requests per second, all together, that name no pool or app client that exists (a token's
   * issuer included): one bucket, so made-up ids can neither dodge the quotas nor make the store
   * keep a bucket for each.
   */
  unresolvedRate: number;
}

/**
 * The codes a caller can have sent again and again (an invitation is limited elsewhere); `mfa` is
 * every sign-in code, a second factor's or a passwordless first factor's.
 */
export type LimitedCodePurpose = 'sign-up' | 'forgot-password' | 'attribute-verification' | 'mfa';
