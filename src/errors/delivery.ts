/** Messages that could not go out: the pool's email or SMS settings, the channel's refusal, the daily quota. */
import { CognitoError } from './cognito-error.ts';

export const codeDeliveryFailed = (maskedDestination: string, reason: string) =>
  new CognitoError('CodeDeliveryFailureException', `Unable to deliver the code to ${maskedDestination}: ${reason}`);

export const DAILY_EMAIL_LIMIT_MESSAGE =
  'Exceeded daily email limit for the operation or the account. If a higher limit is required, please configure your user pool to use your own Amazon SES configuration for sending email.';
export const dailyEmailLimit = () => new CognitoError('LimitExceededException', DAILY_EMAIL_LIMIT_MESSAGE);

export const noDefaultEmailChannel = () =>
  new CognitoError('InvalidEmailRoleAccessPolicyException', 'No email channel is configured on this server for pools with EmailSendingAccount COGNITO_DEFAULT (delivery.defaultEmail).');
export const emailIdentityNotAllowed = () => new CognitoError('InvalidEmailRoleAccessPolicyException', 'Cognito is not allowed to use your email identity.');
export const noDefaultSmsChannel = () =>
  new CognitoError('InvalidSmsRoleAccessPolicyException', 'The user pool has no SmsConfiguration and this server has no default SMS channel (delivery.defaultSms).');
export const smsRoleNotAllowed = () => new CognitoError('InvalidSmsRoleAccessPolicyException', 'Role does not have permission to publish with SNS');
export const smsTrustMismatch = () =>
  new CognitoError('InvalidSmsRoleTrustRelationshipException', 'Role has invalid trust relationship: the ExternalId does not match the one the role requires.');

/** AdminCreateUser's DesiredDeliveryMediums name a medium the user has no attribute for. */
export const noEmailForInvitation = () => new CognitoError('InvalidParameterException', 'No email provided but desired delivery medium was Email');
export const noPhoneForInvitation = () => new CognitoError('InvalidParameterException', 'No phone_number provided but desired delivery medium was SMS');
