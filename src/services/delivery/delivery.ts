/**
 * Delivery owns "send a code": the one service operations call to make a code, shape its message
 * (the pool's template, reshaped by its CustomMessage function with the request's ClientMetadata),
 * queue it for its channel and answer where it went, masked. A pool with a CustomEmailSender or
 * CustomSMSSender function gets the code handed to that function instead.
 */
import type { CodeDeliveryDetailsType } from '@aws-sdk/client-cognito-identity-provider';
import type { CodePurpose } from '../../domain/code.ts';
import type { PoolRecord } from '../../domain/pool.ts';
import type { UserRecord } from '../../domain/user.ts';
import type { Wire } from '../../domain/wire.ts';
import type { RequestInfo } from '../request-context.ts';
import { eventCaller } from '../triggers/caller.ts';
import { customEmailSenderEvent, customMessageEvent, customSMSSenderEvent, type CustomMessageTriggerSource, type Triggers } from '../triggers/index.ts';
import { sendInvitation, type Invitation } from './invitation.ts';
import { codeDelivery, type Outbox } from './outbox.ts';
import { poolTemplates, type MessageKind } from './templates.ts';

/** What the code is sent for, as the suffix of the trigger sources (CustomMessage_SignUp, CustomEmailSender_SignUp, ...). */
export type CodeOccasion = 'SignUp' | 'ResendCode' | 'ForgotPassword' | 'UpdateUserAttribute' | 'VerifyUserAttribute' | 'Authentication';

export interface SendCodeInput {
  pool: PoolRecord;
  user: UserRecord;
  /** The app client of the request; null for administrative operations. */
  clientId: string | null;
  purpose: CodePurpose;
  /** The attribute the code verifies, '' when none (a forgotten password). */
  attribute: string;
  /** What the code is kept under, when not `attribute` (a sign-in code is bound to the address it went to). */
  codeAttribute?: string;
  medium: 'email' | 'sms';
  destination: string;
  occasion: CodeOccasion;
  clientMetadata?: Record<string, string>;
  /** The attributes shown to the functions, when not the user's stored ones (a pending update). */
  userAttributes?: Record<string, string>;
  /**
   * Answer once the code and its message are stored, not after the first delivery attempt: for a
   * client that hides whether users exist, whose answer for a name no user holds sends nothing.
   */
  answerBeforeDelivery?: boolean;
}

/** The request a message is sent for: its User-Agent names the SDK the functions are told of. */
export type Requester = Pick<RequestInfo, 'userAgent'>;

export interface DeliveryService {
  /** Makes a code and sends it (see the module's comment); answers CodeDeliveryDetails. */
  sendCode(input: SendCodeInput, requester: Requester): Promise<Wire<CodeDeliveryDetailsType>>;
  /** AdminCreateUser's invitation: the temporary password by email and/or SMS. */
  sendInvitation(invitation: Invitation, requester: Requester): Promise<void>;
  /**
   * An email that carries no code, its text final (a threat-protection notification): queued, and
   * answered once stored, so that the request it is sent for waits for no delivery.
   */
  sendNotice(notice: Notice): Promise<void>;
}

export interface Notice {
  pool: PoolRecord;
  user: UserRecord;
  destination: string;
  subject: string;
  body: string;
}

const KIND: Record<CodeOccasion, MessageKind> = {
  SignUp: 'verification', ResendCode: 'verification', ForgotPassword: 'verification',
  UpdateUserAttribute: 'verification', VerifyUserAttribute: 'verification', Authentication: 'authentication',
};

/** Refuses (LimitExceededException) one code too many for a user in the hour (limits/admission.ts). */
export type CodeLimit = (key: { poolId: string; userId: string; purpose: CodePurpose }) => Promise<void>;

/** The delivery service, over the outbox, the pool's trigger functions and the per-user code limit. */
export function createDeliveryService(deps: { outbox: Outbox; triggers: Triggers; codeLimit: CodeLimit }): DeliveryService {
  const { outbox, triggers, codeLimit } = deps;
  return {
    async sendCode(input, requester) {
      const { pool, user, medium, occasion } = input;
      // Before anything is made or run: a code refused costs no function call and no message.
      await codeLimit({ poolId: pool.id, userId: user.sub, purpose: input.purpose });
      const lambda = pool.config.LambdaConfig ?? {};
      const userAttributes = input.userAttributes ?? user.attributes;
      const caller = eventCaller(pool, user.username, input.clientId, requester.userAgent);
      const details = (delivered: { destination: string; medium: 'EMAIL' | 'SMS' }) =>
        ({ Destination: delivered.destination, DeliveryMedium: delivered.medium, AttributeName: input.attribute || (medium === 'email' ? 'email' : 'phone_number') }) as const;

      const sender = medium === 'email' ? lambda.CustomEmailSender : lambda.CustomSMSSender;
      if (sender?.LambdaArn) {
        const code = await outbox.storeCode({ poolId: pool.id, userId: user.sub, purpose: input.purpose, attribute: input.codeAttribute ?? input.attribute });
        const event = medium === 'email'
          ? customEmailSenderEvent({ ...caller, triggerSource: `CustomEmailSender_${occasion}`, userAttributes, code, clientMetadata: input.clientMetadata })
          : customSMSSenderEvent({ ...caller, triggerSource: `CustomSMSSender_${occasion}`, userAttributes, code, clientMetadata: input.clientMetadata });
        triggers.invokeAsync({ LambdaArn: sender.LambdaArn, LambdaVersion: sender.LambdaVersion }, event, { kmsKeyId: lambda.KMSKeyID });
        return details(codeDelivery(medium, input.destination));
      }

      const templates = poolTemplates(pool.config, KIND[occasion]);
      let subject = templates.emailSubject;
      let body = medium === 'email' ? templates.emailMessage : templates.smsMessage;
      if (lambda.CustomMessage) {
        const answer = await triggers.invoke(
          lambda.CustomMessage,
          customMessageEvent({ ...caller, triggerSource: `CustomMessage_${occasion}` as CustomMessageTriggerSource, userAttributes, clientMetadata: input.clientMetadata }),
        );
        // A null field keeps the pool's message.
        if (medium === 'email') {
          subject = answer.response.emailSubject ?? subject;
          body = answer.response.emailMessage ?? body;
        } else {
          body = answer.response.smsMessage ?? body;
        }
      }
      const delivered = await outbox.sendCode({
        pool, userId: user.sub, username: user.username, purpose: input.purpose, attribute: input.codeAttribute ?? input.attribute,
        medium, destination: input.destination, subject, body, answerBeforeDelivery: input.answerBeforeDelivery,
      });
      return details(delivered);
    },

    sendInvitation: (invitation, requester) => sendInvitation({ outbox, triggers }, requester, invitation),

    async sendNotice({ pool, user, destination, subject, body }) {
      // The caller has filled in every placeholder; the outbox's own ({####}, {username}) have nothing left to fill.
      await outbox.sendMessage({ pool, userId: user.sub, username: user.username, medium: 'email', destination, subject, body, answerBeforeDelivery: true }, '');
    },
  };
}
