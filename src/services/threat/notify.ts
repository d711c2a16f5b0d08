/**
 * The risk notification of AccountTakeoverRiskConfiguration's Notify: the NotifyConfiguration
 * template for the action taken (BlockEmail, MfaEmail, NoActionEmail; Cognate's own when unset),
 * with AWS's advanced-security placeholders filled in, sent to the user's email address through
 * the delivery service (so in development it is in the inbox). The one-click links carry the
 * event's FeedbackToken.
 */
import type { AccountTakeoverEventActionType, NotifyEmailType } from '@aws-sdk/client-cognito-identity-provider';
import type { AuthEventRecord } from '../../domain/auth-event.ts';
import type { PoolRecord } from '../../domain/pool.ts';
import type { RiskConfiguration } from '../../domain/risk.ts';
import type { UserRecord } from '../../domain/user.ts';
import type { DeliveryService } from '../delivery/delivery.ts';

const DEFAULTS: Record<'block' | 'mfa' | 'none', Required<Pick<NotifyEmailType, 'Subject' | 'TextBody'>>> = {
  block: { Subject: 'Blocked sign-in attempt', TextBody: 'We blocked a sign-in to your account {username} from {device-name} at {ip-address} ({login-time}).\nThis was me: {one-click-link-valid}\nThis was not me: {one-click-link-invalid}' },
  mfa: { Subject: 'New sign-in verification', TextBody: 'A sign-in to your account {username} from {device-name} at {ip-address} ({login-time}) was asked for a second factor.\nThis was me: {one-click-link-valid}\nThis was not me: {one-click-link-invalid}' },
  none: { Subject: 'New sign-in to your account', TextBody: 'Your account {username} was signed in to from {device-name} at {ip-address} ({login-time}).\nThis was me: {one-click-link-valid}\nThis was not me: {one-click-link-invalid}' },
};

/** The feedback link of an event: GET on Cognate's own route (protocol/routes/auth-event-feedback.ts). */
export function feedbackLink(base: string, pool: PoolRecord, user: UserRecord, eventId: string, token: string, value: 'Valid' | 'Invalid'): string {
  const q = new URLSearchParams({ user_pool_id: pool.id, username: user.username, event_id: eventId, feedback_token: token, feedback_value: value });
  return `${base}/auth-event-feedback?${q}`;
}

export async function sendRiskNotification(
  deps: { delivery: DeliveryService; linkBase: () => string },
  n: { pool: PoolRecord; user: UserRecord; config: RiskConfiguration | undefined; action: AccountTakeoverEventActionType; event: AuthEventRecord; token: string },
): Promise<void> {
  const destination = n.user.attributes.email;
  if (!destination) return;
  const notify = n.config?.accountTakeover?.NotifyConfiguration;
  const kind = n.action === 'BLOCK' ? 'block' : n.action === 'NO_ACTION' ? 'none' : 'mfa';
  const chosen = kind === 'block' ? notify?.BlockEmail : kind === 'mfa' ? notify?.MfaEmail : notify?.NoActionEmail;
  const template: NotifyEmailType = chosen ?? DEFAULTS[kind];
  const base = n.event;
  const values: Record<string, string> = {
    '{username}': n.user.username,
    '{ip-address}': base.context.ipAddress,
    '{device-name}': base.context.deviceName,
    '{city}': '',
    '{country}': '',
    '{login-time}': new Date(base.createdAt).toUTCString(),
    '{event-id}': base.eventId,
    '{feedback-token}': n.token,
    '{one-click-link-valid}': feedbackLink(deps.linkBase(), n.pool, n.user, base.eventId, n.token, 'Valid'),
    '{one-click-link-invalid}': feedbackLink(deps.linkBase(), n.pool, n.user, base.eventId, n.token, 'Invalid'),
  };
  const fill = (t: string) => t.replace(/\{[a-z-]+\}/g, (m) => values[m] ?? m);
  await deps.delivery.sendNotice({ pool: n.pool, user: n.user, destination, subject: fill(template.Subject ?? DEFAULTS[kind].Subject!), body: fill(template.TextBody ?? template.HtmlBody ?? DEFAULTS[kind].TextBody!) });
}
