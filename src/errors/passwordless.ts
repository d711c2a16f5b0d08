/** Choice-based sign-in (USER_AUTH) and passwordless first factors, and the pool settings that allow them. */
import { CognitoError } from './cognito-error.ts';

const invalidParameter = (message: string) => new CognitoError('InvalidParameterException', message);

/**
 * A sign-in policy without PASSWORD. AWS keeps the password factor on in every pool ("The Password
 * option is always available" in its console; CDK refuses `password: false`); the wording is Cognate's.
 */
export const passwordFactorRequired = () => invalidParameter('AllowedFirstAuthFactors must include PASSWORD.');
/** One-time codes as a first factor in a pool that requires MFA: AWS's words, as measured in go-to-k/cdkd#1975. */
export const otpFactorWithRequiredMfa = () => invalidParameter('Only PASSWORD and WEB_AUTHN (if configured) can be enabled as an auth factor if MFA is enabled');
/** Passwordless first factors in a LITE pool: AWS needs the Essentials plan or higher for them (wording Cognate's). */
export const passwordlessNeedsEssentials = () => new CognitoError('FeatureUnavailableInTierException', 'Passwordless sign-in requires the ESSENTIALS or PLUS feature plan.');
/** SELECT_CHALLENGE answered with a challenge that was not offered (wording Cognate's). */
export const challengeNotAvailable = (answer: string) => invalidParameter(`The challenge ${answer} is not available for this user.`);
