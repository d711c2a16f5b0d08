import type { CodeDeliveryDetailsType } from '@aws-sdk/client-cognito-identity-provider';
import { maskDestination } from '../../domain/mask.ts';
import { poolRegion, type PoolRecord } from '../../domain/pool.ts';
import type { Wire } from '../../domain/wire.ts';
import { poolTemplates, type MessageKind } from './templates.ts';
import type { CodePurpose } from '../../domain/code.ts';
import type { UserRecord } from '../../domain/user.ts';
import { customEmailSenderEvent, customMessageEvent, customSMSSenderEvent, type CustomMessageTriggerSource } from '../triggers/index.ts';
import type { Deps } from '../deps.ts';
import type { RequestContext } from '../request-context.ts';

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
  medium: 'email' | 'sms';
  destination: string;
  occasion: CodeOccasion;
  clientMetadata?: Record<string, string>;
  /** The attributes shown to the functions, when not the user's stored ones (a pending update). */
  userAttributes?: Record<string, string>;
}

const KIND: Record<CodeOccasion, MessageKind> = {
  SignUp: 'verification', ResendCode: 'verification', ForgotPassword: 'verification',
  UpdateUserAttribute: 'verification', VerifyUserAttribute: 'verification', Authentication: 'authentication',
};

/** The SDK version a caller names in its User-Agent, for callerContext.awsSdkVersion. */
export function sdkVersionOf(userAgent: string | undefined): string | undefined {
  const m = /(aws-sdk-[\w-]+\/[\d.]+|aws-cli\/[\d.]+|Boto3\/[\d.]+|paws\/[\d.]+|AWSPowerShell[\w.]*\/[\d.]+)/i.exec(userAgent ?? '');
  return m ? m[1].replace('/', '-') : undefined;
}

/**
 * Sends a code as Cognito does: the pool's message, reshaped by its CustomMessage function (which
 * gets the request's ClientMetadata), delivered by the configured channel; or, when the pool has a
 * CustomEmailSender/CustomSMSSender, the code goes to that function instead of being delivered.
 */
export async function sendCode(
  deps: Pick<Deps, 'delivery' | 'triggers'>,
  ctx: Pick<RequestContext, 'userAgent'>,
  input: SendCodeInput,
): Promise<Wire<CodeDeliveryDetailsType>> {
  const { pool, user, medium, occasion } = input;
  const lambda = pool.config.LambdaConfig ?? {};
  const userAttributes = input.userAttributes ?? user.attributes;
  const common = { region: poolRegion(pool.id), userPoolId: pool.id, userName: user.username, clientId: input.clientId, awsSdkVersion: sdkVersionOf(ctx.userAgent) };
  const details = { Destination: maskDestination(medium, input.destination), DeliveryMedium: medium === 'email' ? 'EMAIL' : 'SMS', AttributeName: input.attribute || (medium === 'email' ? 'email' : 'phone_number') } as const;

  const sender = medium === 'email' ? lambda.CustomEmailSender : lambda.CustomSMSSender;
  if (sender?.LambdaArn) {
    const code = await deps.delivery.storeCode({ poolId: pool.id, userId: user.sub, purpose: input.purpose, attribute: input.attribute });
    const event = medium === 'email'
      ? customEmailSenderEvent({ ...common, triggerSource: `CustomEmailSender_${occasion}`, userAttributes, code, clientMetadata: input.clientMetadata })
      : customSMSSenderEvent({ ...common, triggerSource: `CustomSMSSender_${occasion}`, userAttributes, code, clientMetadata: input.clientMetadata });
    deps.triggers.invokeAsync({ LambdaArn: sender.LambdaArn, LambdaVersion: sender.LambdaVersion }, event, { kmsKeyId: lambda.KMSKeyID });
    return details;
  }

  const templates = poolTemplates(pool.config, KIND[occasion]);
  let subject = templates.emailSubject;
  let body = medium === 'email' ? templates.emailMessage : templates.smsMessage;
  if (lambda.CustomMessage) {
    const answer = await deps.triggers.invoke(
      lambda.CustomMessage,
      customMessageEvent({ ...common, triggerSource: `CustomMessage_${occasion}` as CustomMessageTriggerSource, userAttributes, clientMetadata: input.clientMetadata }),
    );
    // A null field keeps the pool's message.
    if (medium === 'email') {
      subject = answer.response.emailSubject ?? subject;
      body = answer.response.emailMessage ?? body;
    } else {
      body = answer.response.smsMessage ?? body;
    }
  }
  await deps.delivery.sendCode({
    pool, userId: user.sub, username: user.username, purpose: input.purpose, attribute: input.attribute,
    medium, destination: input.destination, subject, body,
  });
  return details;
}
