/** A pool's or an app client's settings refused: what CreateUserPool, UpdateUserPool and their client forms check. */
import { CognitoError } from './cognito-error.ts';

const invalidParameter = (message: string) => new CognitoError('InvalidParameterException', message);

// The pool's schema, in AWS's words where they are known (see test/e2e/user-pools-schema.test.ts for the sources).
export const requiredCustomAttribute = () => invalidParameter('Required custom attributes are not supported currently.');
export const customAttributeWithoutType = () => invalidParameter('Invalid AttributeDataType input, consider using the provided AttributeDataType enum.');
/** A length or value that is not a whole number (or a negative length); `kind` is the constraints member. */
export const invalidSchemaConstraint = (kind: 'StringAttributeConstraints' | 'NumberAttributeConstraints', name: string) => invalidParameter(`Invalid ${kind} for schema attribute ${name}`);
export const stringLengthOverLimit = (name: string) => invalidParameter(`user.${name}: String attributes cannot have a length of more than 2048`);
export const maxLengthBelowMin = (name: string) => invalidParameter(`user.${name}: Max length cannot be less than min length.`);
export const maxValueBelowMin = (name: string) => invalidParameter(`user.${name}: Max value cannot be less than min value.`);
export const standardAttributeFixed = (name: string) => invalidParameter(`You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute ${name}`);
export const subUnchangeable = () => invalidParameter('sub: the sub attribute cannot be changed.');
export const duplicateSchemaAttribute = (name: string) => invalidParameter(`Duplicate attribute name ${name} in schema.`);
/** `requested` is the custom: name asked for, `existing` the schema's name that holds it (dev:custom: for a developer-only one). */
export const attributeNameTaken = (requested: string, existing: string) => invalidParameter(`${requested}: Existing attribute already has name ${existing}.`);
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
export const defaultRedirectNotInCallbacks = () => invalidParameter('DefaultRedirectURI must be one of the CallbackURLs.');
/** Cognate's wording (AWS's is not published): `member` is CallbackURLs, LogoutURLs or DefaultRedirectURI. */
export const invalidRedirectUrl = (member: string, url: string) =>
  invalidParameter(`${member} ${url} is not valid: a URL must be absolute, without a fragment, and use https unless its host is localhost or 127.0.0.1.`);
/** AWS's words (Terraform and CDK users quote them when a client names a provider created after it). */
export const providerNotInPool = (provider: string, poolId: string) => invalidParameter(`The provider ${provider} does not exist for User Pool ${poolId}`);

// OAuth flows a client may not combine, in AWS's words (sources in test/e2e/clients-oauth.test.ts).
const invalidOAuthFlow = (message: string) => new CognitoError('InvalidOAuthFlowException', message);
export const callbackUrlsRequired = () => invalidOAuthFlow('CallbackUrls can not be empty when code flow or implicit flow is selected');
export const clientCredentialsAlone = () => invalidOAuthFlow('client_credentials flow can not be selected along with code flow or implicit flow.');
export const clientCredentialsNeedSecret = () => invalidOAuthFlow('client_credentials flow can not be selected if client does not have a client secret.');
export const scopeNotForClientCredentials = (scope: string) => invalidOAuthFlow(`${scope} is not supported with client_credentials flow`);
/** A scope that is neither one of Cognito's nor `resource-server-identifier/scope-name` (Cognate's wording). */
export const scopeDoesNotExist = (scope: string) => new CognitoError('ScopeDoesNotExistException', `Scope ${scope} does not exist.`);
export const clientSecretWithoutGenerate = () => invalidParameter('ClientSecret can only be set when GenerateSecret is true.');
