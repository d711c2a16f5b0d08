/**
 * CodeDeliveryDetails for a code that was not sent: what ForgotPassword and ResendConfirmationCode
 * answer, for a client that hides whether users exist, about a name no user holds (or one who
 * cannot be sent a code). AWS: "The simulated delivery medium is determined by the input username
 * format and verification settings of the user pool."
 */
import type { CodeDeliveryDetailsType } from '@aws-sdk/client-cognito-identity-provider';
import { EMAIL_FORMAT, PHONE_FORMAT } from './attributes.ts';
import { maskEmail, maskPhone } from './mask.ts';
import type { PoolConfig } from './pool.ts';
import type { Wire } from './wire.ts';

export type Channel = 'email' | 'sms';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

const byEmail = (address: string) => ({ Destination: maskEmail(address), DeliveryMedium: 'EMAIL', AttributeName: 'email' }) as const;
const bySms = (phone: string) => ({ Destination: maskPhone(phone), DeliveryMedium: 'SMS', AttributeName: 'phone_number' }) as const;

/** The channels the pool verifies by itself (AutoVerifiedAttributes), SMS first as Cognito sends a confirmation code. */
export function autoVerifiedChannels(pool: PoolConfig): Channel[] {
  const auto = pool.AutoVerifiedAttributes ?? [];
  return [...(auto.includes('phone_number') ? ['sms' as const] : []), ...(auto.includes('email') ? ['email' as const] : [])];
}

/**
 * Where a code for `userName` would have gone by one of `channels` (the pool's, in its order). A
 * name that is itself an email address or phone number the pool sends to is shown masked, as a user
 * signing in with it would be shown. Any other name gets an address or number made up from `seed`
 * (stable per name) and masked as a real one is, by the first channel the pool verifies by itself
 * (where its users have a verified address), else its first channel, else email.
 */
export function simulatedDelivery(pool: PoolConfig, channels: readonly Channel[], userName: string, seed: Buffer): Wire<CodeDeliveryDetailsType> {
  if (channels.includes('sms') && PHONE_FORMAT.test(userName)) return bySms(userName);
  if (channels.includes('email') && EMAIL_FORMAT.test(userName)) return byEmail(userName);
  const verified = autoVerifiedChannels(pool);
  const channel = channels.find((c) => verified.includes(c)) ?? channels[0] ?? 'email';
  if (channel === 'sms') return bySms(`+1${[...seed.subarray(0, 10)].map((b) => b % 10).join('')}`);
  return byEmail(`${LETTERS[seed[0] % 26]}@${LETTERS[seed[1] % 26]}.com`);
}
