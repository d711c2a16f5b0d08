import { CognitoError } from '../../errors/cognito-error.ts';
import type { VerifyResult } from './codes.ts';

/** A confirmation code (sign-up, forgotten password) that did not confirm, worded as Cognito words each case. */
export function confirmationCodeError(result: Exclude<VerifyResult, { status: 'ok' }>): CognitoError {
  switch (result.status) {
    case 'mismatch':
      return new CognitoError('CodeMismatchException', 'Invalid verification code provided, please try again.');
    case 'too_many_attempts':
      return new CognitoError('TooManyFailedAttemptsException', 'Too many failed attempts, please request a code again.');
    default:
      return new CognitoError('ExpiredCodeException', 'Invalid code provided, please request a code again.');
  }
}
