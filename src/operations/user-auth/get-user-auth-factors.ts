import type { GetUserAuthFactorsRequest, GetUserAuthFactorsResponse } from '@aws-sdk/client-cognito-identity-provider';
import { mfaSettings } from '../../domain/user.ts';
import type { Wire } from '../../domain/wire.ts';
import { configuredFactors } from '../../flows/first-factors.ts';
import { userOperation } from '../operation.ts';

/**
 * The signed-in user's MFA settings (as GetUser shows them) and ConfiguredUserAuthFactors: "the
 * authentication types that are available to the user with USER_AUTH sign-in" (API reference), the
 * factors the pool allows that the user can use: PASSWORD with a password, EMAIL_OTP and SMS_OTP
 * with a verified email address or phone number, WEB_AUTHN with a passkey where the pool allows passkeys.
 */
export default userOperation<GetUserAuthFactorsRequest, Wire<GetUserAuthFactorsResponse>, 'store' | 'tokens'>('GetUserAuthFactors', async (deps, _input, ctx) => {
  const { pool, user } = ctx;
  const { PreferredMfaSetting, UserMFASettingList } = mfaSettings(user);
  return { Username: user.username, PreferredMfaSetting, UserMFASettingList, ConfiguredUserAuthFactors: await configuredFactors({ deps, pool }, user) };
});
