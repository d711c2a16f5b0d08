import { attemptLimitExceeded, codeMismatch, expiredCode, type CognitoError } from '../../errors/index.ts';
import type { VerifyResult } from './codes.ts';

/** A confirmation code (sign-up, forgotten password) that did not confirm, worded as Cognito words each case. */
export function confirmationCodeError(result: Exclude<VerifyResult, { status: 'ok' }>): CognitoError {
  switch (result.status) {
    case 'mismatch':
      return codeMismatch();
    // A burnt code: LimitExceededException, as real pools answer the sixth answer to a reset code
    // (aws-amplify/amplify-ui-android#180: CodeMismatchException five times, then LimitExceededException).
    case 'too_many_attempts':
      return attemptLimitExceeded();
    default:
      return expiredCode();
  }
}
