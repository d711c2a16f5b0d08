import type { ClientRecord } from '../../domain/client.ts';
import type { PoolRecord } from '../../domain/pool.ts';
import { attemptLimitExceeded, codeMismatch, expiredCode, type CognitoError } from '../../errors/index.ts';
import type { Deps } from '../deps.ts';
import { answerWithoutCode, hidesUsers, type StandInPurpose } from '../directory/decoys.ts';
import type { VerifyResult } from './codes.ts';

type Refused = Exclude<VerifyResult, { status: 'ok' }>;

/** A confirmation code (sign-up, forgotten password) that did not confirm, worded as Cognito words each case. */
export function confirmationCodeError(result: Pick<Refused, 'status'>): CognitoError {
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

/**
 * A confirmation code refused, as the app client may say why. One that hides whether users exist
 * answers a code that is not there to be checked (`missing`: also a name no user holds, or a
 * disabled user; `used`; `expired`) as a name no user holds is answered (answerWithoutCode), not
 * with ExpiredCodeException: no unknown name can get that answer, so it would tell a user from
 * one in a single request, and AWS documents only CodeMismatchException for a user who does not
 * exist ("CodeMismatchException error for users that don't exist or are disabled",
 * cognito-user-pool-managing-errors.html). What a user pays: a code left to expire reads
 * "Invalid verification code provided, please try again." instead of "please request a code again".
 */
export async function confirmationRefusal(
  deps: Pick<Deps, 'store' | 'random' | 'clock' | 'codes'>,
  caller: { pool: Pick<PoolRecord, 'id' | 'config'>; client: ClientRecord },
  userName: string,
  purpose: StandInPurpose,
  result: Refused,
): Promise<CognitoError> {
  const unchecked = result.status === 'missing' || result.status === 'used' || result.status === 'expired';
  if (unchecked && hidesUsers(caller.client)) return confirmationCodeError(await answerWithoutCode(deps, caller.pool, userName, purpose));
  return confirmationCodeError(result);
}
