/** A pool's or an app client's settings refused: what CreateUserPool, UpdateUserPool and their client forms check. */
import { CognitoError } from './cognito-error.ts';

const invalidParameter = (message: string) => new CognitoError('InvalidParameterException', message);

// The pool's schema.
export const requiredCustomAttribute = () => invalidParameter('Required custom attributes are not supported currently.');
export const schemaNotWholeNumber = (name: string, what: string, value: string) => invalidParameter(`${name}: ${what} must be a whole number, got '${value}'.`);
export const minLengthAboveMax = (name: string) => invalidParameter(`${name}: MinLength must not be greater than MaxLength.`);
export const minValueAboveMax = (name: string) => invalidParameter(`${name}: MinValue must not be greater than MaxValue.`);
export const maxLengthTooLarge = (name: string) => invalidParameter(`${name}: MaxLength must not be greater than 2048.`);
export const standardTypeFixed = (name: string, type: string) => invalidParameter(`${name}: the data type of a standard attribute is ${type} and cannot be changed.`);
export const subUnchangeable = () => invalidParameter('sub: the sub attribute cannot be changed.');
export const standardNotDeveloperOnly = (name: string) => invalidParameter(`${name}: a standard attribute cannot be developer-only.`);
export const duplicateSchemaAttribute = (name: string) => invalidParameter(`Duplicate attribute name ${name} in schema.`);
export const attributeNameTaken = (name: string) => invalidParameter(`${name}: Existing attribute already has name ${name}.`);
export const tooManyCustomAttributes = (max: number) => invalidParameter(`A user pool can have at most ${max} custom attributes.`);

// The pool's other settings.
export const verifyBeforeUpdateNeedsAutoVerify = () => invalidParameter('All attributes in AttributesRequireVerificationBeforeUpdate must exist in AutoVerifiedAttributes');
export const mfaNeedsSms = () => invalidParameter('SMS configuration and Auto verification for phone_number are required when MFA is required/optional');
export const developerEmailNeedsSource = () => invalidParameter('EmailConfiguration.SourceArn is required when EmailSendingAccount is DEVELOPER.');
export const recoveryMechanismRepeated = () => invalidParameter('AccountRecoverySetting: each recovery mechanism and each priority may appear only once.');
export const adminOnlyRecoveryAlone = () => invalidParameter('AccountRecoverySetting: admin_only cannot be combined with another recovery mechanism.');
export const aliasOrUsernameAttributes = () => invalidParameter('Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.');

// App clients.
export const invalidTokenValidityRange = () => invalidParameter('Invalid range for token validity.');
export const invalidClientAttributes = (kind: string, verb: string) => invalidParameter(`Invalid ${kind} attributes specified while ${verb} a client`);
export const mixedAuthFlows = () => invalidParameter('Explicit auth flows can be either legacy, or new; but not both.');
export const oauthFlowsNeedOAuthClient = () => invalidParameter('AllowedOAuthFlowsUserPoolClient must be true to set AllowedOAuthFlows or AllowedOAuthScopes.');
export const oauthClientNeedsFlowsAndScopes = () => invalidParameter('AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows.');
export const callbackUrlsRequired = () => invalidParameter('callbackUrls cannot be empty when AllowedOAuthFlows has code or implicit.');
export const defaultRedirectNotInCallbacks = () => invalidParameter('DefaultRedirectURI must be one of the CallbackURLs.');
export const clientSecretWithoutGenerate = () => invalidParameter('ClientSecret can only be set when GenerateSecret is true.');
