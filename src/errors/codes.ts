/** One-time codes refused. */
import { CognitoError } from './cognito-error.ts';

export const codeMismatch = () => new CognitoError('CodeMismatchException', 'Invalid verification code provided, please try again.');
export const expiredCode = () => new CognitoError('ExpiredCodeException', 'Invalid code provided, please request a code again.');
/** A confirmation code burnt by wrong answers (sign-up, forgotten password). */
/** Cognito's answer to a caller over a per-user limit, or a code burnt by wrong answers in VerifyUserAttribute. */
export const attemptLimitExceeded = () => new CognitoError('LimitExceededException', 'Attempt limit exceeded, please try after some time.');
