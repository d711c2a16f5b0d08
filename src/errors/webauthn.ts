/**
 * Passkeys (WebAuthn). AWS documents when each of these is thrown (the API reference's error list of
 * StartWebAuthnRegistration and CompleteWebAuthnRegistration) but not its message; these are
 * Cognate's, in AWS's style.
 */
import { CognitoError } from './cognito-error.ts';

export const webAuthnNotEnabled = () => new CognitoError('WebAuthnNotEnabledException', 'Passkey authentication is not enabled for this user pool.');
export const webAuthnConfigurationMissing = () =>
  new CognitoError('WebAuthnConfigurationMissingException', 'The user pool has no relying party id: set WebAuthnConfiguration.RelyingPartyId with SetUserPoolMfaConfig.');
export const webAuthnChallengeNotFound = () => new CognitoError('WebAuthnChallengeNotFoundException', 'The passkey registration challenge was not found or has expired.');
export const webAuthnClientMismatch = () => new CognitoError('WebAuthnClientMismatchException', 'The access token is for a different app client than the one that started the passkey registration.');
export const webAuthnRelyingPartyMismatch = () => new CognitoError('WebAuthnRelyingPartyMismatchException', 'The passkey credential is for a different relying party than the user pool\'s.');
export const webAuthnOriginNotAllowed = (origin: string) => new CognitoError('WebAuthnOriginNotAllowedException', `The origin ${origin} is not allowed for the user pool's relying party.`);
export const webAuthnCredentialNotSupported = (why: string) => new CognitoError('WebAuthnCredentialNotSupportedException', `The passkey credential is not supported: ${why}`);
/** A Credential that is not a RegistrationResponseJSON (or CREDENTIAL not an AuthenticationResponseJSON). */
export const malformedWebAuthnCredential = (why: string) => new CognitoError('InvalidParameterException', `Invalid passkey credential: ${why}`);
export const passkeyAlreadyRegistered = () => new CognitoError('InvalidParameterException', 'The passkey credential is already registered.');
export const passkeyLimitReached = (max: number) => new CognitoError('LimitExceededException', `The limit of ${max} passkeys for the user has been reached.`);
export const passkeyNotFound = () => new CognitoError('ResourceNotFoundException', 'The passkey credential was not found.');
/** A WEB_AUTHN answer that does not prove the user's passkey. */
export const passkeyNotVerified = () => new CognitoError('NotAuthorizedException', 'Passkey authentication failed.');
