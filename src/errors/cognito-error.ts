/**
 * Cognito's error types. Every error Cognate returns is one of these, so a client's generated
 * exception classes (SDK, boto3, paws) recognise it. Errors are made only by the named
 * constructors of this folder (the catalogue, see index.ts), so each message is spelled once.
 */

/** Error shapes of the cognito-idp API model, plus the ones AWS's front door returns. */
export type CognitoErrorType =
  // modelled by cognito-idp
  | 'AccessDeniedException'
  | 'AliasExistsException'
  | 'CodeDeliveryFailureException'
  | 'CodeMismatchException'
  | 'ConcurrentModificationException'
  | 'DeviceKeyExistsException'
  | 'DuplicateProviderException'
  | 'EnableSoftwareTokenMFAException'
  | 'ExpiredCodeException'
  | 'FeatureUnavailableInTierException'
  | 'ForbiddenException'
  | 'GroupExistsException'
  | 'InternalErrorException'
  | 'InternalServerException'
  | 'InvalidEmailRoleAccessPolicyException'
  | 'InvalidLambdaResponseException'
  | 'InvalidOAuthFlowException'
  | 'InvalidParameterException'
  | 'InvalidPasswordException'
  | 'InvalidSmsRoleAccessPolicyException'
  | 'InvalidSmsRoleTrustRelationshipException'
  | 'InvalidUserPoolConfigurationException'
  | 'LimitExceededException'
  | 'MFAMethodNotFoundException'
  | 'ManagedLoginBrandingExistsException'
  | 'NotAuthorizedException'
  | 'PasswordHistoryPolicyViolationException'
  | 'PasswordResetRequiredException'
  | 'PreconditionNotMetException'
  | 'RefreshTokenReuseException'
  | 'ResourceNotFoundException'
  | 'ScopeDoesNotExistException'
  | 'SoftwareTokenMFANotFoundException'
  | 'TermsExistsException'
  | 'TierChangeNotAllowedException'
  | 'TooManyFailedAttemptsException'
  | 'TooManyRequestsException'
  | 'UnauthorizedException'
  | 'UnexpectedLambdaException'
  | 'UnsupportedIdentityProviderException'
  | 'UnsupportedOperationException'
  | 'UnsupportedTokenTypeException'
  | 'UnsupportedUserStateException'
  | 'UserImportInProgressException'
  | 'UserLambdaValidationException'
  | 'UserNotConfirmedException'
  | 'UserNotFoundException'
  | 'UserPoolAddOnNotEnabledException'
  | 'UserPoolTaggingException'
  | 'UsernameExistsException'
  | 'WebAuthnChallengeNotFoundException'
  | 'WebAuthnClientMismatchException'
  | 'WebAuthnConfigurationMissingException'
  | 'WebAuthnCredentialNotSupportedException'
  | 'WebAuthnNotEnabledException'
  | 'WebAuthnOriginNotAllowedException'
  | 'WebAuthnRelyingPartyMismatchException'
  // common to every awsJson service (the protocol and signing layers)
  | 'SerializationException'
  | 'UnknownOperationException'
  | 'MissingAuthenticationTokenException'
  | 'IncompleteSignatureException'
  | 'InvalidSignatureException'
  | 'UnrecognizedClientException'
  | 'RequestEntityTooLargeException';

/** HTTP status for a type: 500 only for the server's own faults, 400 for client errors (403 and 413 where AWS's front door answers so). */
export function statusFor(type: CognitoErrorType): number {
  if (type === 'InternalErrorException' || type === 'InternalServerException') return 500;
  if (type === 'RequestEntityTooLargeException') return 413;
  // What a WAF block in front of a user pool answers.
  if (type === 'ForbiddenException') return 403;
  return 400;
}

export class CognitoError extends Error {
  readonly type: CognitoErrorType;

  constructor(type: CognitoErrorType, message: string) {
    super(message);
    this.name = type;
    this.type = type;
  }

  get status(): number {
    return statusFor(this.type);
  }
}

export function isCognitoError(e: unknown): e is CognitoError {
  return e instanceof CognitoError;
}
