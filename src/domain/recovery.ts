/** Password recovery (ForgotPassword, ConfirmForgotPassword, ChangePassword) rules. */
import type { CodeDeliveryDetailsType } from '@aws-sdk/client-cognito-identity-provider';
import { noRecoveryDestination } from '../errors/index.ts';
import { maskEmail, maskPhone } from './mask.ts';
import type { PoolConfig } from './pool.ts';
import type { UserRecord } from './user.ts';
import type { Wire } from './wire.ts';

export const FORGOT_PASSWORD_CODE = { purpose: 'forgot-password', attribute: '' } as const;

/**
 * Where a reset code goes: the first verified channel in the pool's AccountRecoverySetting order
 * (`admin_only` offers none); without the setting, Cognito's older rule: a verified phone number,
 * else a verified email.
 */
export function recoveryDestination(pool: PoolConfig, user: UserRecord): { medium: 'email' | 'sms'; destination: string } {
  const mechanisms = pool.AccountRecoverySetting?.RecoveryMechanisms;
  const order = mechanisms?.length
    ? [...mechanisms].sort((a, b) => (a.Priority ?? 0) - (b.Priority ?? 0)).map((m) => m.Name)
    : ['verified_phone_number', 'verified_email'];
  const a = user.attributes;
  for (const name of order) {
    if (name === 'verified_email' && a.email && a.email_verified === 'true') return { medium: 'email', destination: a.email };
    if (name === 'verified_phone_number' && a.phone_number && a.phone_number_verified === 'true') return { medium: 'sms', destination: a.phone_number };
  }
  throw noRecoveryDestination();
}

/**
 * What ForgotPassword answers for an unknown user when the client prevents user-existence errors:
 * delivery details shaped like a real one (decided: an email-shaped name is shown as an email, a
 * phone-shaped one as SMS where phone recovery comes first, anything else as an email).
 */
export function simulatedDelivery(pool: PoolConfig, userName: string): Wire<CodeDeliveryDetailsType> {
  const phone = /^\+[1-9]\d{1,14}$/.test(userName);
  const preferSms = !pool.AccountRecoverySetting?.RecoveryMechanisms?.length || pool.AccountRecoverySetting.RecoveryMechanisms.some((m) => m.Name === 'verified_phone_number' && m.Priority === 1);
  if (phone && preferSms) return { Destination: maskPhone(userName), DeliveryMedium: 'SMS', AttributeName: 'phone_number' };
  return { Destination: maskEmail(userName), DeliveryMedium: 'EMAIL', AttributeName: 'email' };
}
