import { CognitoError, invalidParameter } from '../../errors/cognito-error.ts';
import type { UserRecord } from '../../domain/user.ts';

/** The attributes a code can verify, and how their code travels. */
export const VERIFIABLE: Readonly<Record<string, 'email' | 'sms'>> = { email: 'email', phone_number: 'sms' };

export function verifiableMedium(attribute: string): 'email' | 'sms' {
  const medium = VERIFIABLE[attribute];
  if (!medium) throw invalidParameter('Invalid attribute name. Only phone_number and email can be verified.');
  return medium;
}

/** A signed-in user must be confirmed and not awaiting a password reset to verify attributes. */
export function requireActiveStatus(user: UserRecord): void {
  if (user.status === 'UNCONFIRMED') throw new CognitoError('UserNotConfirmedException', 'User is not confirmed.');
  if (user.status === 'RESET_REQUIRED') throw new CognitoError('PasswordResetRequiredException', 'Password reset required for the user');
}
