/** The identity provider operations' errors (CreateIdentityProvider and its siblings). */
import { CognitoError } from './cognito-error.ts';

const invalid = (message: string) => new CognitoError('InvalidParameterException', message);

/** AWS's wording, as CloudTrail shows it (aws-cloudformation/cloudformation-coverage-roadmap#1287). */
export const providerExists = (name: string, poolId: string) => new CognitoError('DuplicateProviderException', `${name} already exists in user pool ${poolId}`);
export const providerNotFound = (name: string) => new CognitoError('ResourceNotFoundException', `Identity provider ${name} does not exist.`);
export const providerNotFoundForIdentifier = (identifier: string) => new CognitoError('ResourceNotFoundException', `Identity provider with identifier ${identifier} does not exist.`);
export const providerLimitReached = (max: number) => new CognitoError('LimitExceededException', `The limit of ${max} identity providers for this user pool has been reached.`);

/** "Cognito" (any case) names the pool's own directory in SupportedIdentityProviders. */
export const providerNameReserved = (name: string) => invalid(`Provider name ${name} is reserved.`);
/** A social provider is named after its type (Google, Facebook, LoginWithAmazon, SignInWithApple). */
export const socialProviderName = (type: string) => invalid(`Provider name must be ${type} for a provider of type ${type}.`);
export const identifierTaken = (identifier: string) => invalid(`Identifier ${identifier} is already used by another identity provider in this user pool.`);
export const identifierRepeated = (identifier: string) => invalid(`Identifier ${identifier} is given more than once.`);

/** AWS's wording for a social provider without its keys (aws-amplify/amplify-cli#8266, #9384). */
export const requiredDetails = (keys: readonly string[]) => invalid(`${listed(keys)} are all required idp details.`);
export const unknownDetail = (key: string, type: string) => invalid(`${key} is not a valid idp detail for a provider of type ${type}.`);
export const invalidDetail = (key: string, allowed: string) => invalid(`Invalid value for ${key}: it must be ${allowed}.`);
export const samlMetadataChoice = () => invalid('Exactly one of MetadataURL and MetadataFile is required.');

/** "a, b and c". */
function listed(keys: readonly string[]): string {
  return keys.length === 1 ? keys[0] : `${keys.slice(0, -1).join(', ')} and ${keys[keys.length - 1]}`;
}
