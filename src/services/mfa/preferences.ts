/**
 * A user's MFA choices, as SetUserMFAPreference / AdminSetUserMFAPreference and SetUserSettings /
 * AdminSetUserSettings change them. The settings live in the user's `settings` under the API's own
 * names, which GetUser and AdminGetUser show as they are.
 */
import type { MFAOptionType, SetUserMFAPreferenceRequest } from '@aws-sdk/client-cognito-identity-provider';
import { MFA_FACTORS, userMfa, type MfaFactor, type UserMfaSettings } from '../../domain/mfa.ts';
import type { PoolRecord } from '../../domain/pool.ts';
import type { UserRecord } from '../../domain/user.ts';
import { emailMfaNeedsTier, mfaOptionsSmsOnly, noDeliveryConfig, onePreferredMfa } from '../../errors/index.ts';
import type { Repositories } from '../../storage/store.ts';
import { updateUser } from '../directory/users.ts';

export type MfaPreference = Pick<SetUserMFAPreferenceRequest, 'SMSMfaSettings' | 'SoftwareTokenMfaSettings' | 'EmailMfaSettings'>;

const MEMBER: Record<MfaFactor, keyof MfaPreference> = { SMS_MFA: 'SMSMfaSettings', SOFTWARE_TOKEN_MFA: 'SoftwareTokenMfaSettings', EMAIL_OTP: 'EmailMfaSettings' };

/** Whether the user can have the factor turned on: a phone number, a verified authenticator, an email (in a pool on a plan that has email MFA). */
function checkCanEnable(pool: PoolRecord, user: UserRecord, factor: MfaFactor): void {
  if (factor === 'SMS_MFA' && !user.attributes.phone_number) throw noDeliveryConfig(factor);
  if (factor === 'SOFTWARE_TOKEN_MFA' && !userMfa(user).SoftwareToken) throw noDeliveryConfig(factor);
  if (factor === 'EMAIL_OTP') {
    if ((pool.config.UserPoolTier ?? 'ESSENTIALS') === 'LITE') throw emailMfaNeedsTier();
    if (!user.attributes.email) throw noDeliveryConfig(factor);
  }
}

/**
 * AWS: "You can't turn off SMS MFA for any of your users when MFA is required in your user pool; you
 * can only set the type that your user prefers" (SMSMfaSettingsType; SoftwareTokenMfaSettingsType
 * says the same of TOTP, EmailMfaSettingsType nothing). The request is not refused: it "will return
 * 200 OK but it will do nothing" (https://stackoverflow.com/questions/50497388, quoted in
 * https://github.com/panther-labs/panther/issues/317), so Enabled false leaves these factors on.
 */
const STAYS_ON_WHEN_REQUIRED: readonly MfaFactor[] = ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'];

/**
 * The settings after a preference: each factor the request names is turned on or off (a factor
 * left out stays as it is); PreferredMfa true makes it the preferred one (one at most), false
 * takes the preference from it, and turning a factor off takes it too (in a pool requiring MFA,
 * SMS and TOTP are not turned off: see above).
 */
export function withPreference(pool: PoolRecord, user: UserRecord, pref: MfaPreference): UserMfaSettings {
  const current = userMfa(user);
  const enabled = new Set(current.UserMFASettingList ?? []);
  let preferred = current.PreferredMfaSetting;
  let legacySms = current.MFAOptions;
  const named = MFA_FACTORS.filter((f) => pref[MEMBER[f]]);
  const requiresMfa = pool.config.MfaConfiguration === 'ON';
  if (named.filter((f) => pref[MEMBER[f]]!.PreferredMfa).length > 1) throw onePreferredMfa();
  for (const factor of named) {
    const { Enabled, PreferredMfa } = pref[MEMBER[factor]]!;
    if (Enabled) {
      checkCanEnable(pool, user, factor);
      enabled.add(factor);
    } else if (Enabled === false && !(requiresMfa && STAYS_ON_WHEN_REQUIRED.includes(factor))) {
      enabled.delete(factor);
      // The legacy SMS option is the same factor: turning SMS off turns it off too.
      if (factor === 'SMS_MFA') legacySms = undefined;
    }
    if (PreferredMfa && enabled.has(factor)) preferred = factor;
    else if ((PreferredMfa === false || !enabled.has(factor)) && preferred === factor) preferred = undefined;
  }
  return {
    ...current,
    UserMFASettingList: MFA_FACTORS.filter((f) => enabled.has(f)),
    PreferredMfaSetting: preferred,
    MFAOptions: legacySms,
  };
}

/** SetUserSettings' MFAOptions: SMS to phone_number (the only option the API still takes), or none. */
export function withMfaOptions(user: UserRecord, options: MFAOptionType[]): UserMfaSettings {
  if (options.some((o) => o.DeliveryMedium !== 'SMS' || (o.AttributeName ?? 'phone_number') !== 'phone_number')) throw mfaOptionsSmsOnly();
  if (options.length && !user.attributes.phone_number) throw noDeliveryConfig('SMS_MFA');
  const current = userMfa(user);
  return { ...current, MFAOptions: options.length ? [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }] : undefined };
}

/** Writes the user's MFA settings as `change` makes them from the user as stored. */
export async function updateMfaSettings(
  repos: Pick<Repositories, 'users'>,
  pool: PoolRecord,
  sub: string,
  now: number,
  change: (user: UserRecord) => UserMfaSettings,
): Promise<UserRecord> {
  return updateUser(repos, pool, sub, (u) => {
    const settings: Record<string, unknown> = { ...u.settings, ...change(u) };
    for (const k of Object.keys(settings)) if (settings[k] === undefined) delete settings[k];
    return { ...u, settings };
  }, now);
}
