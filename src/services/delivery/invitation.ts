/** AdminCreateUser's invitation: the temporary password sent by email and/or SMS. */
import type { DeliveryMediumType } from '@aws-sdk/client-cognito-identity-provider';
import type { PoolRecord } from '../../domain/pool.ts';
import type { UserRecord } from '../../domain/user.ts';
import { noEmailForInvitation, noPhoneForInvitation } from '../../errors/index.ts';
import type { RequestInfo } from '../request-context.ts';
import { eventCaller } from '../triggers/caller.ts';
import { customEmailSenderEvent, customMessageEvent, customSMSSenderEvent, type Triggers } from '../triggers/index.ts';
import type { Outbox } from './outbox.ts';
import { poolTemplates } from './templates.ts';

export type Medium = 'email' | 'sms';

/**
 * Where the invitation goes. Named mediums each need their attribute (AWS's wording for email).
 * Without DesiredDeliveryMediums, as AWS is seen to answer (the reports are cited in
 * test/e2e/admin-users.test.ts): its documented default SMS for a user with a phone number, else
 * email for one with an email address, else nothing (the user is still created).
 */
export function invitationMediums(attributes: Record<string, string>, desired: DeliveryMediumType[] | undefined): Medium[] {
  if (!desired?.length) return attributes.phone_number ? ['sms'] : attributes.email ? ['email'] : [];
  const mediums = [...new Set(desired)].map((d) => (d === 'EMAIL' ? 'email' : 'sms') as Medium);
  if (mediums.includes('email') && !attributes.email) throw noEmailForInvitation();
  if (mediums.includes('sms') && !attributes.phone_number) throw noPhoneForInvitation();
  return mediums;
}

export interface Invitation {
  pool: PoolRecord;
  user: UserRecord;
  temporaryPassword: string;
  mediums: Medium[];
  clientMetadata?: Record<string, string>;
}

/**
 * Sends the invitation: the pool's InviteMessageTemplate (or Cognito's), reshaped once by its
 * CustomMessage function (CustomMessage_AdminCreateUser, with `{username}` and `{####}`), then
 * delivered with the temporary password in place of `{####}`. A CustomEmailSender/CustomSMSSender
 * function receives the temporary password as its code instead.
 */
export async function sendInvitation(deps: { outbox: Outbox; triggers: Triggers }, requester: Pick<RequestInfo, 'userAgent'>, inv: Invitation): Promise<void> {
  const { pool, user, temporaryPassword, mediums } = inv;
  if (!mediums.length) return;
  const lambda = pool.config.LambdaConfig ?? {};
  const common = eventCaller(pool, user.username, null, requester.userAgent);
  const senderFor = (m: Medium) => (m === 'email' ? lambda.CustomEmailSender : lambda.CustomSMSSender);

  const templates = poolTemplates(pool.config, 'invitation');
  let { emailSubject, emailMessage, smsMessage } = templates;
  if (lambda.CustomMessage && mediums.some((m) => !senderFor(m)?.LambdaArn)) {
    const answer = await deps.triggers.invoke(
      lambda.CustomMessage,
      customMessageEvent({ ...common, triggerSource: 'CustomMessage_AdminCreateUser', userAttributes: user.attributes, clientMetadata: inv.clientMetadata }),
    );
    // A null field keeps the pool's message.
    emailSubject = answer.response.emailSubject ?? emailSubject;
    emailMessage = answer.response.emailMessage ?? emailMessage;
    smsMessage = answer.response.smsMessage ?? smsMessage;
  }

  for (const medium of mediums) {
    const sender = senderFor(medium);
    if (sender?.LambdaArn) {
      const input = { ...common, userAttributes: user.attributes, code: temporaryPassword, clientMetadata: inv.clientMetadata };
      const event = medium === 'email'
        ? customEmailSenderEvent({ ...input, triggerSource: 'CustomEmailSender_AdminCreateUser' })
        : customSMSSenderEvent({ ...input, triggerSource: 'CustomSMSSender_AdminCreateUser' });
      deps.triggers.invokeAsync({ LambdaArn: sender.LambdaArn, LambdaVersion: sender.LambdaVersion }, event, { kmsKeyId: lambda.KMSKeyID });
      continue;
    }
    await deps.outbox.sendMessage(
      {
        pool, userId: user.sub, username: user.username, medium,
        destination: medium === 'email' ? user.attributes.email : user.attributes.phone_number,
        subject: emailSubject, body: medium === 'email' ? emailMessage : smsMessage,
      },
      temporaryPassword,
    );
  }
}
