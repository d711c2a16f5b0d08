import { emailMfaTemplate } from '../../domain/mfa.ts';
import type { PoolConfig } from '../../domain/pool.ts';

/** The messages a code travels in, with Cognito's placeholders: `{####}` for the code, `{username}`. */
export interface MessageTemplates {
  emailSubject: string;
  emailMessage: string;
  smsMessage: string;
}

export const CODE_PLACEHOLDER = '{####}';
export const USERNAME_PLACEHOLDER = '{username}';

/** Cognito's texts when a pool sets none. */
export const COGNITO_DEFAULTS = {
  verification: { emailSubject: 'Your verification code', emailMessage: 'Your verification code is {####}. ', smsMessage: 'Your verification code is {####}. ' },
  invitation: {
    emailSubject: 'Your temporary password',
    emailMessage: 'Your username is {username} and temporary password is {####}. ',
    smsMessage: 'Your username is {username} and temporary password is {####}. ',
  },
  authentication: { emailSubject: 'Your authentication code', emailMessage: 'Your authentication code is {####}. ', smsMessage: 'Your authentication code is {####}. ' },
} as const satisfies Record<string, MessageTemplates>;

export type MessageKind = keyof typeof COGNITO_DEFAULTS;

/**
 * The pool's templates for a kind of message. Verification covers sign-up, resent codes,
 * attribute verification and forgotten passwords, as in Cognito; VerificationMessageTemplate wins
 * over the legacy members it mirrors.
 */
export function poolTemplates(pool: PoolConfig, kind: MessageKind): MessageTemplates {
  const d = COGNITO_DEFAULTS[kind];
  if (kind === 'invitation') {
    const t = pool.AdminCreateUserConfig?.InviteMessageTemplate;
    return { emailSubject: t?.EmailSubject ?? d.emailSubject, emailMessage: t?.EmailMessage ?? d.emailMessage, smsMessage: t?.SMSMessage ?? d.smsMessage };
  }
  if (kind === 'authentication') {
    // SetUserPoolMfaConfig's EmailMfaConfiguration shapes sign-in codes sent by email.
    const email = emailMfaTemplate(pool);
    return { emailSubject: email?.Subject ?? d.emailSubject, emailMessage: email?.Message ?? d.emailMessage, smsMessage: pool.SmsAuthenticationMessage ?? d.smsMessage };
  }
  const t = pool.VerificationMessageTemplate;
  return {
    emailSubject: t?.EmailSubject ?? pool.EmailVerificationSubject ?? d.emailSubject,
    emailMessage: t?.EmailMessage ?? pool.EmailVerificationMessage ?? d.emailMessage,
    smsMessage: t?.SmsMessage ?? pool.SmsVerificationMessage ?? d.smsMessage,
  };
}

/** Fills the placeholders. Every occurrence is replaced, as Cognito does. */
export function render(template: string, values: { code: string; username?: string }): string {
  let out = template.split(CODE_PLACEHOLDER).join(values.code);
  if (values.username !== undefined) out = out.split(USERNAME_PLACEHOLDER).join(values.username);
  return out;
}
