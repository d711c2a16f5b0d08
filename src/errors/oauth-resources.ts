/** User pool domains and resource servers (issue 21). */
import { CognitoError } from './cognito-error.ts';

const invalid = (message: string) => new CognitoError('InvalidParameterException', message);

/** AWS's words when the name is any pool's (another account's too). */
export const domainTaken = () => invalid('Domain already associated with another user pool.');
/** AWS's words for a prefix outside the model's DomainType pattern (`prefix` is that pattern). */
export const invalidPrefixDomain = (prefix: string) =>
  invalid(`The domain name contains an invalid character. Domain names can only contain lower-case letters, numbers, and hyphens. Please enter a different name that follows this format: ${prefix}`);
export const reservedWordInDomain = (word: string) => invalid(`Domain cannot contain reserved word: ${word}`);
export const invalidCustomDomain = () => invalid('A custom domain must be a fully qualified domain name of lower-case labels, such as auth.example.com.');
export const poolHasDomain = () => invalid('User pool already has a domain configured.');
export const noSuchDomain = () => invalid('No such domain or user pool exists.');
export const customConfigOnPrefixDomain = () => invalid('CustomDomainConfig applies only to a custom domain.');
export const invalidManagedLoginVersion = () => invalid('ManagedLoginVersion must be 1 (hosted UI classic) or 2 (managed login).');
/** DeleteUserPool while a domain is the pool's: AWS's words. */
export const poolHasDomainOnDelete = () => invalid('User pool cannot be deleted. It has a domain configured that should be deleted first.');

export const resourceServerExists = (identifier: string, poolId: string) => invalid(`${identifier} already exists in ${poolId}`);
export const resourceServerNotFound = (identifier: string) => new CognitoError('ResourceNotFoundException', `Resource server ${identifier} does not exist.`);
export const duplicateScope = (scope: string) => invalid(`Duplicate scope name ${scope} in the resource server's scopes.`);
export const resourceServerLimitReached = (max: number) => new CognitoError('LimitExceededException', `The limit of ${max} resource servers for the user pool has been reached.`);
