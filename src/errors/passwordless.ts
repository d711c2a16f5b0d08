/** Choice-based sign-in (USER_AUTH) and passwordless first factors, and the pool settings that allow them. */
import { CognitoError } from './cognito-error.ts';

const invalidParameter = (message: string) => new CognitoError('InvalidParameterException', message);

/**
 * A sign-in policy without PASSWORD. AWS keeps the password factor on in every pool ("The Password
 * option is always available" in its console; CDK refuses `password: false`); the wording is Cognate's.
 */
export const passwordFactorRequired = () => invalidParameter('AllowedFirstAuthFactors must include PASSWORD.');
/** One-time codes as a first factor in a pool that requires MFA: AWS's words, as measured in go-to-k/cdkd#1975. */
/**
 * WEB_AUTHN as a first factor where MFA is required, the passkey not set to count as MFA
 * (WebAuthnConfiguration.FactorConfiguration MULTI_FACTOR_WITH_USER_VERIFICATION): measured on AWS,
 * SetUserPoolMfaConfig's wording in go-to-k/cdkd#2064, UpdateUserPool's in
 * hashicorp/terraform-provider-aws#50110.
 */
export const passkeyFactorWithRequiredMfa = (changing: 'mfa' | 'policy') =>
  invalidParameter(changing === 'mfa'
    ? 'Cannot set WebAuthn factor configuration to SINGLE_FACTOR if MFA is required and WebAuthn is an allowed first auth factor'
    : 'WEB_AUTHN cannot be used as an auth factor when MFA is enabled if not configured for MFA.');
export const otpFactorWithRequiredMfa = () => invalidParameter('Only PASSWORD and WEB_AUTHN (if configured) can be enabled as an auth factor if MFA is enabled');
/** Passwordless first factors in a LITE pool: AWS needs the Essentials plan or higher for them (wording Cognate's). */
export const passwordlessNeedsEssentials = () => new CognitoError('FeatureUnavailableInTierException', 'Passwordless sign-in requires the ESSENTIALS or PLUS feature plan.');
/** SELECT_CHALLENGE answered with a challenge that was not offered (wording Cognate's). */
export const challengeNotAvailable = (answer: string) => invalidParameter(`The challenge ${answer} is not available for this user.`);
