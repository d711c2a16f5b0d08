/** A user's own state and details refused: what a request asks of a user that the user cannot do. */
import { CognitoError } from './cognito-error.ts';

const invalidParameter = (message: string) => new CognitoError('InvalidParameterException', message);

export const resendNotPossible = (username: string) =>
  new CognitoError('UnsupportedUserStateException', `Resend not possible. ${username} status is not FORCE_CHANGE_PASSWORD.`);
export const alreadyConfirmed = () => invalidParameter('User is already confirmed.');
export const autoVerificationOff = () => invalidParameter('Cannot resend codes. Auto verification not turned on.');
export const nothingToResendTo = () => invalidParameter('Cannot resend codes. The user has no email address or phone number that this user pool verifies.');
export const noRecoveryDestination = () => invalidParameter('Cannot reset password for the user as there is no registered/verified email or phone_number');
export const passwordRequired = () => invalidParameter('Password is required: this user pool does not allow passwordless sign-in.');
export const autoVerifyWithoutConfirm = () => invalidParameter('Phone or email cannot be auto verified, when user is not being auto confirmed.');

const policy = (why: string) => new CognitoError('InvalidPasswordException', `Password did not conform with policy: ${why}`);
export const passwordTooShort = () => policy('Password not long enough');
export const passwordNeedsLowercase = () => policy('Password must have lowercase characters');
export const passwordNeedsUppercase = () => policy('Password must have uppercase characters');
export const passwordNeedsNumber = () => policy('Password must have numeric characters');
export const passwordNeedsSymbol = () => policy('Password must have symbol characters');

/** Pools whose users sign in with an email or phone number as their username. */
export const usernameShouldBeEmailOrPhone = () => invalidParameter('Username should be either an email or a phone number.');
export const usernameShouldBeEmail = () => invalidParameter('Username should be an email.');
export const usernameShouldBePhone = () => invalidParameter('Username should be a phone number.');
export const usernameAttributeDiffers = (kind: string) => invalidParameter(`User ${kind} should be empty or same as username, since username attribute is ${kind}`);
/** Pools with email or phone aliases: a username must not look like one. */
export const usernameLooksLikeEmail = () => invalidParameter('Username cannot be of email format, since user pool is configured for email alias.');
export const usernameLooksLikePhone = () => invalidParameter('Username cannot be of phone number format, since user pool is configured for phone number alias.');

/** ListUsers. */
export const filterNotParsed = () => invalidParameter('Error while parsing filter.');
export const invalidSearchAttribute = (attribute: string) => invalidParameter(`Invalid search attribute: ${attribute}`);
export const unknownRequestedAttributes = () => invalidParameter('One or more requested attributes do not exist.');
