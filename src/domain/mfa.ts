/**
 * Multi-factor authentication: a pool's factors (SetUserPoolMfaConfig), a user's (SetUserMFAPreference,
 * SetUserSettings, a verified software token), and the rule that picks the challenge after a first
 * factor. Pure: no store, no clock.
 */
import type { EmailMfaConfigType, MFAOptionType, WebAuthnConfigurationType } from '@aws-sdk/client-cognito-identity-provider';
import type { PoolConfig, PoolMfaSettings } from './pool.ts';
import type { UserRecord } from './user.ts';

export type { PoolMfaSettings };

export type MfaFactor = 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP';
export const MFA_FACTORS: readonly MfaFactor[] = ['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'];

export const poolMfaSettings = (pool: PoolConfig): PoolMfaSettings => pool.MfaSettings ?? {};

/** The factors users of the pool can use now (TOTP: when enabled; SMS: when the pool can send SMS). */
export function poolFactors(pool: PoolConfig): MfaFactor[] {
  if ((pool.MfaConfiguration ?? 'OFF') === 'OFF') return [];
  const s = poolMfaSettings(pool);
  const out: MfaFactor[] = [];
  if (s.Sms && pool.SmsConfiguration) out.push('SMS_MFA');
  if (s.SoftwareToken?.Enabled) out.push('SOFTWARE_TOKEN_MFA');
  if (s.Email) out.push('EMAIL_OTP');
  return out;
}

export const emailMfaTemplate = (pool: PoolConfig): EmailMfaConfigType | undefined => poolMfaSettings(pool).Email;
export const webAuthnConfiguration = (pool: PoolConfig): WebAuthnConfigurationType | undefined => poolMfaSettings(pool).WebAuthn as WebAuthnConfigurationType | undefined;

/** A user's TOTP authenticator: its secret sealed at rest, and the last time step a code was taken for. */
export interface SoftwareToken {
  secret: string;
  lastStep?: number;
  friendlyName?: string;
}

/**
 * What a user's `settings` keep for MFA: the API's own members (GetUser shows them as they are)
 * and the authenticator, verified or only associated (pending until VerifySoftwareToken).
 */
export interface UserMfaSettings {
  UserMFASettingList?: MfaFactor[];
  PreferredMfaSetting?: MfaFactor;
  MFAOptions?: MFAOptionType[];
  SoftwareToken?: SoftwareToken;
  PendingSoftwareToken?: SoftwareToken;
}

export const userMfa = (u: UserRecord): UserMfaSettings => u.settings as UserMfaSettings;

/** The factors the user turned on (SetUserSettings' legacy SMS option counts as SMS_MFA). */
export function enabledFactors(u: UserRecord): MfaFactor[] {
  const s = userMfa(u);
  const list = new Set(s.UserMFASettingList ?? []);
  if (s.MFAOptions?.some((o) => o.DeliveryMedium === 'SMS')) list.add('SMS_MFA');
  return MFA_FACTORS.filter((f) => list.has(f));
}

/** Whether the user can receive or produce a code of the factor. */
function reachable(u: UserRecord, factor: MfaFactor): boolean {
  if (factor === 'SMS_MFA') return !!u.attributes.phone_number;
  if (factor === 'EMAIL_OTP') return !!u.attributes.email;
  return !!userMfa(u).SoftwareToken;
}

export type MfaDecision =
  | { kind: 'none' }
  | { kind: 'challenge'; factor: MfaFactor }
  | { kind: 'select'; factors: MfaFactor[] }
  | { kind: 'setup'; factors: MfaFactor[] };

/**
 * The MFA step after a first factor:
 * - pool OFF: none;
 * - the user's enabled factors the pool offers (a verified TOTP stays usable even when the pool
 *   later turns TOTP off, as AWS documents) and the user can answer: the preferred one, the only
 *   one, or SELECT_MFA_TYPE among several;
 * - none, pool ON: a phone number and SMS MFA in the pool is SMS_MFA (Cognito's legacy rule: with
 *   MFA required, SMS is on for every user with a phone number); otherwise MFA_SETUP with the
 *   pool's factors;
 * - none, pool OPTIONAL: no MFA.
 */
export function decideMfa(pool: PoolConfig, u: UserRecord): MfaDecision {
  const mode = pool.MfaConfiguration ?? 'OFF';
  if (mode === 'OFF') return { kind: 'none' };
  const offered = poolFactors(pool);
  const usable = enabledFactors(u).filter((f) => (offered.includes(f) || f === 'SOFTWARE_TOKEN_MFA') && reachable(u, f));
  const preferred = userMfa(u).PreferredMfaSetting;
  if (preferred && usable.includes(preferred)) return { kind: 'challenge', factor: preferred };
  if (usable.length === 1) return { kind: 'challenge', factor: usable[0] };
  if (usable.length > 1) return { kind: 'select', factors: usable };
  if (mode === 'OPTIONAL') return { kind: 'none' };
  if (offered.includes('SMS_MFA') && reachable(u, 'SMS_MFA')) return { kind: 'challenge', factor: 'SMS_MFA' };
  return { kind: 'setup', factors: offered };
}

/**
 * The factor adaptive authentication asks for when risk calls for MFA (MFA_IF_CONFIGURED,
 * MFA_REQUIRED), in a pool whose own MFA setting asked for none: one the user turned on and can
 * answer (the preferred first), else a code by SMS or email where the pool has that factor set
 * up and the user has the number or address ("MFA is possible if the user pool has active MFA
 * methods that the user can set up", AccountTakeoverActionType). Undefined: MFA is not possible.
 */
export function adaptiveMfaFactor(pool: PoolConfig, u: UserRecord): MfaFactor | undefined {
  const usable = enabledFactors(u).filter((f) => reachable(u, f));
  const preferred = userMfa(u).PreferredMfaSetting;
  if (preferred && usable.includes(preferred)) return preferred;
  if (usable.length) return usable[0];
  const s = poolMfaSettings(pool);
  if (s.Sms && pool.SmsConfiguration && reachable(u, 'SMS_MFA')) return 'SMS_MFA';
  if (s.Email && reachable(u, 'EMAIL_OTP')) return 'EMAIL_OTP';
  return undefined;
}
