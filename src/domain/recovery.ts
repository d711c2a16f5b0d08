/** Password recovery (ForgotPassword, ConfirmForgotPassword, ChangePassword) rules. */
import { noRecoveryDestination } from '../errors/index.ts';
import { isVerified } from './attributes.ts';
import type { PoolConfig } from './pool.ts';
import type { Channel } from './simulated-delivery.ts';
import type { UserRecord } from './user.ts';

export const FORGOT_PASSWORD_CODE = { purpose: 'forgot-password', attribute: '' } as const;

/**
 * The channels a reset code may go by, in the pool's AccountRecoverySetting order (`admin_only`
 * offers none); without the setting, Cognito's older rule: a verified phone number, else a verified email.
 */
export function recoveryChannels(pool: PoolConfig): Channel[] {
  const mechanisms = pool.AccountRecoverySetting?.RecoveryMechanisms;
  const order = mechanisms?.length
    ? [...mechanisms].sort((a, b) => (a.Priority ?? 0) - (b.Priority ?? 0)).map((m) => m.Name)
    : ['verified_phone_number', 'verified_email'];
  return order.flatMap((name): Channel[] => (name === 'verified_email' ? ['email'] : name === 'verified_phone_number' ? ['sms'] : []));
}

/** Whether only an administrator resets passwords: the pool's first recovery mechanism is `admin_only` (it comes alone). */
export function recoveryByAdministratorOnly(pool: PoolConfig): boolean {
  const mechanisms = pool.AccountRecoverySetting?.RecoveryMechanisms ?? [];
  return [...mechanisms].sort((a, b) => (a.Priority ?? 0) - (b.Priority ?? 0))[0]?.Name === 'admin_only';
}

/** Where a reset code goes: the first of the pool's recovery channels the user has verified; undefined when none. */
export function findRecoveryDestination(pool: PoolConfig, user: UserRecord): { medium: Channel; destination: string } | undefined {
  const a = user.attributes;
  for (const medium of recoveryChannels(pool)) {
    if (medium === 'email' && a.email && isVerified(a, 'email')) return { medium, destination: a.email };
    if (medium === 'sms' && a.phone_number && isVerified(a, 'phone_number')) return { medium, destination: a.phone_number };
  }
  return undefined;
}

/** Where a reset code goes (see findRecoveryDestination); InvalidParameterException when nowhere. */
export function recoveryDestination(pool: PoolConfig, user: UserRecord): { medium: Channel; destination: string } {
  const found = findRecoveryDestination(pool, user);
  if (!found) throw noRecoveryDestination();
  return found;
}
