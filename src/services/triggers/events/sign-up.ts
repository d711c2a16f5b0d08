/** Events of the sign-up family: PreSignUp, PostConfirmation, UserMigration. */
import { header, withClientMetadata, type CommonInput, type EventHeader, type StringMap } from './common.ts';

// ---- PreSignUp -------------------------------------------------------------------------------

export type PreSignUpTriggerSource = 'PreSignUp_SignUp' | 'PreSignUp_AdminCreateUser' | 'PreSignUp_ExternalProvider';

export interface PreSignUpEvent extends EventHeader<PreSignUpTriggerSource> {
  request: { userAttributes: StringMap; validationData: StringMap | null; clientMetadata?: StringMap };
  response: { autoConfirmUser: boolean; autoVerifyEmail: boolean; autoVerifyPhone: boolean };
}

export function preSignUpEvent(
  input: CommonInput & {
    triggerSource: PreSignUpTriggerSource;
    userAttributes: StringMap;
    /** SignUp's ValidationData (AdminCreateUser's ValidationData too); null when none was given. */
    validationData?: StringMap | null;
    clientMetadata?: StringMap;
  },
): PreSignUpEvent {
  return {
    ...header(input, input.triggerSource),
    request: withClientMetadata(
      { userAttributes: { ...input.userAttributes }, validationData: input.validationData ? { ...input.validationData } : null },
      input.clientMetadata,
    ),
    // Cognito sends these as false, not null (a captured PreSignUp_AdminCreateUser event).
    response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
  };
}

// ---- PostConfirmation ------------------------------------------------------------------------

export type PostConfirmationTriggerSource = 'PostConfirmation_ConfirmSignUp' | 'PostConfirmation_ConfirmForgotPassword';

export interface PostConfirmationEvent extends EventHeader<PostConfirmationTriggerSource> {
  request: { userAttributes: StringMap; clientMetadata?: StringMap };
  response: Record<string, never>;
}

export function postConfirmationEvent(
  input: CommonInput & { triggerSource: PostConfirmationTriggerSource; userAttributes: StringMap; clientMetadata?: StringMap },
): PostConfirmationEvent {
  return {
    ...header(input, input.triggerSource),
    request: withClientMetadata({ userAttributes: { ...input.userAttributes } }, input.clientMetadata),
    response: {},
  };
}

// ---- UserMigration ---------------------------------------------------------------------------

export type UserMigrationTriggerSource = 'UserMigration_Authentication' | 'UserMigration_ForgotPassword';

export interface UserMigrationResponse {
  userAttributes: StringMap | null;
  finalUserStatus: 'CONFIRMED' | 'RESET_REQUIRED' | null;
  messageAction: 'SUPPRESS' | 'RESEND' | null;
  desiredDeliveryMediums: ('SMS' | 'EMAIL')[] | null;
  forceAliasCreation: boolean | null;
  enableSMSMFA: boolean | null;
}

export interface UserMigrationEvent extends EventHeader<UserMigrationTriggerSource> {
  request: { password?: string; validationData: StringMap | null; clientMetadata?: StringMap };
  response: UserMigrationResponse;
}

export function userMigrationEvent(
  input: CommonInput & {
    triggerSource: UserMigrationTriggerSource;
    /** The password the user signed in with (UserMigration_Authentication only). */
    password?: string;
    validationData?: StringMap | null;
    clientMetadata?: StringMap;
  },
): UserMigrationEvent {
  const request: UserMigrationEvent['request'] = { validationData: input.validationData ? { ...input.validationData } : null };
  if (input.triggerSource === 'UserMigration_Authentication' && input.password !== undefined) request.password = input.password;
  return {
    ...header(input, input.triggerSource),
    request: withClientMetadata(request, input.clientMetadata),
    response: {
      userAttributes: null,
      finalUserStatus: null,
      messageAction: null,
      desiredDeliveryMediums: null,
      forceAliasCreation: null,
      enableSMSMFA: null,
    },
  };
}
