/**
 * An app client's secrets (AddUserPoolClientSecret, DeleteUserPoolClientSecret). AWS documents the
 * rules (two secrets at most, the last one cannot be deleted, a secret for a confidential client:
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AddUserPoolClientSecret.html,
 * API_DeleteUserPoolClientSecret.html) and the error types, not its wording: these are Cognate's.
 */
import { CognitoError } from './cognito-error.ts';

export const clientSecretLimitReached = (max: number) => new CognitoError('LimitExceededException', `An app client can have at most ${max} client secrets.`);
export const lastClientSecret = () => new CognitoError('InvalidParameterException', 'The last client secret of an app client cannot be deleted.');
export const publicClientSecret = (clientId: string) =>
  new CognitoError('InvalidParameterException', `User pool client ${clientId} has no client secret: secrets are added only to a client made with one.`);
export const clientSecretNotFound = (secretId: string) => new CognitoError('ResourceNotFoundException', `Client secret ${secretId} does not exist.`);
