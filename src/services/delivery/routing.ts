import type { PoolConfig } from '../../domain/pool.ts';
import { emailIdentityNotAllowed, noDefaultEmailChannel, noDefaultSmsChannel, smsRoleNotAllowed, smsTrustMismatch } from '../../errors/index.ts';
import type { DeliveryConfig } from '../../ground/config/delivery.ts';

/** Where one message goes, decided from the pool's configuration as Cognito decides it. */
export interface Route {
  channel: string;
  from?: string;
  replyTo?: string;
  /** Set when the message counts against the pool's daily COGNITO_DEFAULT email quota. */
  dailyLimit?: number;
}

/** Cognito's own sender for COGNITO_DEFAULT pools. */
export const COGNITO_DEFAULT_FROM = 'no-reply@verificationemail.com';

/** The sender an SES identity ARN implies: the address itself, or no-reply@ the domain. */
function identityAddress(sourceArn: string): string | undefined {
  const identity = /:identity\/(.+)$/.exec(sourceArn)?.[1];
  if (!identity) return undefined;
  return identity.includes('@') ? identity : `no-reply@${identity}`;
}

export function routeEmail(pool: PoolConfig, cfg: DeliveryConfig): Route {
  const ec = pool.EmailConfiguration ?? { EmailSendingAccount: 'COGNITO_DEFAULT' };
  const replyTo = ec.ReplyToEmailAddress;
  const developer = ec.EmailSendingAccount === 'DEVELOPER';
  const dailyLimit = !developer && cfg.cognitoDefaultDailyLimit > 0 ? cfg.cognitoDefaultDailyLimit : undefined;
  if (cfg.mode === 'capture') {
    return { channel: 'capture', from: (developer && (ec.From ?? identityAddress(ec.SourceArn ?? ''))) || COGNITO_DEFAULT_FROM, replyTo, dailyLimit };
  }
  if (!developer) {
    if (!cfg.defaultEmail) {
      throw noDefaultEmailChannel();
    }
    return { channel: cfg.defaultEmail.channel, from: cfg.defaultEmail.from ?? COGNITO_DEFAULT_FROM, replyTo, dailyLimit };
  }
  const identity = ec.SourceArn ? cfg.emailIdentities[ec.SourceArn] : undefined;
  if (!identity) throw emailIdentityNotAllowed();
  return { channel: identity.channel, from: ec.From ?? identity.from ?? identityAddress(ec.SourceArn!), replyTo };
}

export function routeSms(pool: PoolConfig, cfg: DeliveryConfig): Route {
  if (cfg.mode === 'capture') return { channel: 'capture' };
  const sms = pool.SmsConfiguration;
  if (!sms?.SnsCallerArn) {
    if (cfg.defaultSms) return { channel: cfg.defaultSms.channel };
    throw noDefaultSmsChannel();
  }
  const role = cfg.smsRoles[sms.SnsCallerArn];
  if (!role) throw smsRoleNotAllowed();
  if (role.externalId !== undefined && role.externalId !== sms.ExternalId) {
    throw smsTrustMismatch();
  }
  return { channel: role.channel };
}
