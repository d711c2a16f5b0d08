/**
 * Multi-factor authentication refused: the pool's MFA settings, a user's factors and the answers
 * to MFA challenges, in Cognito's words where they are known (sources in test/e2e/mfa-*.test.ts)
 * and Cognate's own, in AWS's style, where they are not.
 */
import { CognitoError } from './cognito-error.ts';

const invalidParameter = (message: string) => new CognitoError('InvalidParameterException', message);

// SetUserPoolMfaConfig (measured against the live service by floci's integration tests).
export const mfaOffWithFactor = () => invalidParameter("Invalid MFA configuration given, can't turn off MFA and configure an MFA together.");
export const mfaWithoutFactor = () => invalidParameter('Invalid MFA Configuration given. SMS MFA, Email MFA, or Software Token MFA must be enabled.');
/** Cognate's wording: AWS requires the Essentials or Plus feature plan for email MFA. */
export const emailMfaNeedsTier = () => new CognitoError('FeatureUnavailableInTierException', 'Email MFA requires the ESSENTIALS or PLUS feature plan.');
/** Cognate's wording: AWS sends MFA email only through a DEVELOPER (Amazon SES) email configuration. */
export const emailMfaNeedsDeveloperEmail = () => invalidParameter('Email MFA requires an EmailConfiguration with EmailSendingAccount DEVELOPER.');

// A user's factors (SetUserMFAPreference, SetUserSettings and their Admin* forms).
/** SMS_MFA without a phone number, SOFTWARE_TOKEN_MFA before a verified token, EMAIL_OTP without an email. */
export const noDeliveryConfig = (factor: string) => invalidParameter(`User does not have delivery config set to turn on ${factor}`);
/** Cognate's wording: only one factor may be the preferred one. */
export const onePreferredMfa = () => invalidParameter('Only one MFA method can be set as preferred.');
/** Cognate's wording: MFAOptions sets SMS delivery to phone_number only (the API reference says so). */
export const mfaOptionsSmsOnly = () => invalidParameter('MFAOptions can only set SMS delivery to phone_number.');

// TOTP: AssociateSoftwareToken, VerifySoftwareToken and the SOFTWARE_TOKEN_MFA challenge.
export const softwareTokenNotFound = () => new CognitoError('SoftwareTokenMFANotFoundException', 'Software Token MFA does not exist for the user.');
export const softwareTokenMismatch = () => new CognitoError('EnableSoftwareTokenMFAException', 'Code mismatch and fail enable Software Token MFA');
export const softwareTokenReused = () => new CognitoError('ExpiredCodeException', 'Your software token has already been used once.');
/** Cognate's wording: AssociateSoftwareToken and VerifySoftwareToken need one of the two. */
export const accessTokenOrSession = () => invalidParameter('Either AccessToken or Session must be provided.');

// Answers to MFA challenges.
/** A wrong TOTP (SOFTWARE_TOKEN_MFA). */
export const mfaCodeMismatch = () => new CognitoError('CodeMismatchException', 'Invalid code received for user');
/** A wrong code sent by SMS or email as a second factor (SMS_MFA, EMAIL_OTP). */
export const sentMfaCodeMismatch = () => new CognitoError('CodeMismatchException', 'Invalid code or auth state for the user.');
/** Cognate's wording: SELECT_MFA_TYPE answered with a factor the challenge did not offer. */
/** Cognate's wording: MFA_SETUP answered with an EMAIL where the challenge did not offer EMAIL_OTP. */
export const emailSetupNotOffered = () => invalidParameter('Invalid MFA type: EMAIL_OTP is not one of MFAS_CAN_SETUP.');
export const mfaNotOffered = (answer: string) => invalidParameter(`Invalid MFA type: ${answer} is not one of MFAS_CAN_CHOOSE.`);
