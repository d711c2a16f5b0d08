/** Events of the message family: CustomMessage, CustomEmailSender, CustomSMSSender. */
import { header, withClientMetadata, type CommonInput, type EventHeader, type StringMap } from './common.ts';

// ---- CustomMessage ---------------------------------------------------------------------------

export type CustomMessageTriggerSource =
  | 'CustomMessage_SignUp'
  | 'CustomMessage_AdminCreateUser'
  | 'CustomMessage_ResendCode'
  | 'CustomMessage_ForgotPassword'
  | 'CustomMessage_UpdateUserAttribute'
  | 'CustomMessage_VerifyUserAttribute'
  | 'CustomMessage_Authentication';

/** The placeholders Cognito puts in the request and later replaces in the returned messages. */
export const CODE_PARAMETER = '{####}';
export const USERNAME_PARAMETER = '{username}';

export interface CustomMessageEvent extends EventHeader<CustomMessageTriggerSource> {
  request: {
    userAttributes: StringMap;
    codeParameter: string;
    usernameParameter: string | null;
    linkParameter?: string | null;
    clientMetadata?: StringMap;
  };
  response: { smsMessage: string | null; emailMessage: string | null; emailSubject: string | null };
}

export function customMessageEvent(
  input: CommonInput & {
    triggerSource: CustomMessageTriggerSource;
    userAttributes: StringMap;
    clientMetadata?: StringMap;
    /** Default `{####}`. */
    codeParameter?: string;
    /** Sent for CustomMessage_AdminCreateUser only (default `{username}` there, null elsewhere). */
    usernameParameter?: string | null;
    /** The link placeholder of link-style verification messages, when the pool uses them. */
    linkParameter?: string | null;
  },
): CustomMessageEvent {
  const request: CustomMessageEvent['request'] = {
    userAttributes: { ...input.userAttributes },
    codeParameter: input.codeParameter ?? CODE_PARAMETER,
    usernameParameter:
      input.usernameParameter !== undefined ? input.usernameParameter : input.triggerSource === 'CustomMessage_AdminCreateUser' ? USERNAME_PARAMETER : null,
  };
  if (input.linkParameter !== undefined) request.linkParameter = input.linkParameter;
  return {
    ...header(input, input.triggerSource),
    request: withClientMetadata(request, input.clientMetadata),
    response: { smsMessage: null, emailMessage: null, emailSubject: null },
  };
}

// ---- CustomEmailSender / CustomSMSSender -----------------------------------------------------

type SenderSuffix =
  | 'SignUp'
  | 'ResendCode'
  | 'ForgotPassword'
  | 'UpdateUserAttribute'
  | 'VerifyUserAttribute'
  | 'AdminCreateUser'
  | 'AccountTakeOverNotification'
  | 'Authentication';

export type CustomEmailSenderTriggerSource = `CustomEmailSender_${SenderSuffix}`;
export type CustomSMSSenderTriggerSource = `CustomSMSSender_${SenderSuffix}`;

interface SenderRequest<T extends string> {
  type: T;
  /**
   * The code. Builders take it in plain text; `Triggers.invokeAsync` replaces it with the
   * AWS Encryption SDK ciphertext (base64) before the function sees it, as Cognito does.
   */
  code: string | null;
  clientMetadata: StringMap | null;
  userAttributes: StringMap;
}

/** Custom sender events have no `response`: Cognito invokes these functions asynchronously. */
export interface CustomEmailSenderEvent extends EventHeader<CustomEmailSenderTriggerSource> {
  request: SenderRequest<'customEmailSenderRequestV1'>;
}

export interface CustomSMSSenderEvent extends EventHeader<CustomSMSSenderTriggerSource> {
  request: SenderRequest<'customSMSSenderRequestV1'>;
}

export type CustomSenderEvent = CustomEmailSenderEvent | CustomSMSSenderEvent;

interface SenderInput extends CommonInput {
  userAttributes: StringMap;
  /** The plain-text code (or temporary password); null where the message carries none. */
  code: string | null;
  clientMetadata?: StringMap;
}

export function customEmailSenderEvent(input: SenderInput & { triggerSource: CustomEmailSenderTriggerSource }): CustomEmailSenderEvent {
  return {
    ...header(input, input.triggerSource),
    request: {
      type: 'customEmailSenderRequestV1',
      code: input.code,
      clientMetadata: input.clientMetadata ? { ...input.clientMetadata } : null,
      userAttributes: { ...input.userAttributes },
    },
  };
}

export function customSMSSenderEvent(input: SenderInput & { triggerSource: CustomSMSSenderTriggerSource }): CustomSMSSenderEvent {
  return {
    ...header(input, input.triggerSource),
    request: {
      type: 'customSMSSenderRequestV1',
      code: input.code,
      clientMetadata: input.clientMetadata ? { ...input.clientMetadata } : null,
      userAttributes: { ...input.userAttributes },
    },
  };
}

export function isCustomSenderEvent(event: { request?: unknown }): event is CustomSenderEvent {
  const type = (event.request as { type?: unknown } | undefined)?.type;
  return type === 'customEmailSenderRequestV1' || type === 'customSMSSenderRequestV1';
}
