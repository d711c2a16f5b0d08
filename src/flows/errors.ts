/** Sign-in errors, worded as Cognito words them. */
import { CognitoError, invalidParameter } from '../errors/cognito-error.ts';

export const incorrectCredentials = () => new CognitoError('NotAuthorizedException', 'Incorrect username or password.');
export const userDisabled = () => new CognitoError('NotAuthorizedException', 'User is disabled.');
export const notConfirmed = () => new CognitoError('UserNotConfirmedException', 'User is not confirmed.');
export const resetRequired = () => new CognitoError('PasswordResetRequiredException', 'Password reset required for the user');
export const attemptsExceeded = () => new CognitoError('NotAuthorizedException', 'Password attempts exceeded');
export const temporaryPasswordExpired = () => new CognitoError('NotAuthorizedException', 'Temporary password has expired and must be reset by an administrator.');
export const invalidSession = () => new CognitoError('NotAuthorizedException', 'Invalid session for the user, session is expired.');
export const missingParameter = (name: string) => invalidParameter(`Missing required parameter ${name}`);
export const flowNotEnabled = (flow: string) => invalidParameter(`${flow} flow not enabled for this client`);
export const methodNotSupported = () => invalidParameter('Initiate Auth method not supported.');

/** A parameter a flow needs from AuthParameters or ChallengeResponses. */
export function required(params: Record<string, string> | undefined, name: string): string {
  const v = params?.[name];
  if (v === undefined || v === '') throw missingParameter(name);
  return v;
}
