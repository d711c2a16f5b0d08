import { codeMismatch, expiredCode, tooManyFailedAttempts, type CognitoError } from '../../errors/index.ts';
import type { VerifyResult } from './codes.ts';

/** A confirmation code (sign-up, forgotten password) that did not confirm, worded as Cognito words each case. */
export function confirmationCodeError(result: Exclude<VerifyResult, { status: 'ok' }>): CognitoError {
  switch (result.status) {
    case 'mismatch':
      return codeMismatch();
    case 'too_many_attempts':
      return tooManyFailedAttempts();
    default:
      return expiredCode();
  }
}
