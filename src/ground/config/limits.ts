/** Cognito's request-rate quota categories (requests per second per account; Cognate applies them per pool). */
export type QuotaCategory = 'UserAuthentication' | 'UserCreation' | 'UserAccountRecovery' | 'UserRead' | 'UserUpdate' | 'UserToken';

export interface RateLimitConfig {
  /** Enforce the request-rate quotas (the production default; off in development). */
  requestRates: boolean;
  rates: Record<QuotaCategory, number>;
  /** Requests per user per hour, by operation (Cognito's: 5 codes, 15 verifications). */
  perUserHourly: Record<string, number>;
}
