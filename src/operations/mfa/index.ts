import type { Operation } from '../operation.ts';
import adminSetUserMfaPreference from './admin-set-user-mfa-preference.ts';
import adminSetUserSettings from './admin-set-user-settings.ts';
import associateSoftwareToken from './associate-software-token.ts';
import getUserPoolMfaConfig from './get-user-pool-mfa-config.ts';
import setUserMfaPreference from './set-user-mfa-preference.ts';
import setUserPoolMfaConfig from './set-user-pool-mfa-config.ts';
import setUserSettings from './set-user-settings.ts';
import verifySoftwareToken from './verify-software-token.ts';

/** MFA: the pool's factors, a user's factors and preferences, and TOTP authenticators. */
export const operations: Operation[] = [
  adminSetUserMfaPreference, adminSetUserSettings, associateSoftwareToken, getUserPoolMfaConfig,
  setUserMfaPreference, setUserPoolMfaConfig, setUserSettings, verifySoftwareToken,
];
