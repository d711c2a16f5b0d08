/** Federated sign-in's errors, and AdminLinkProviderForUser's and AdminDisableProviderForUser's. */
import { CognitoError } from './cognito-error.ts';

const invalid = (message: string) => new CognitoError('InvalidParameterException', message);

/**
 * A sign-in through an upstream identity provider that cannot go on: the provider refused, the
 * browser came back with a wrong state, the code exchange or the ID token failed. `reason` is
 * Cognate's own plain text (never the upstream's HTML), for the managed login pages to show.
 */
export const federationFailed = (reason: string) => new CognitoError('NotAuthorizedException', `Sign-in with the identity provider failed: ${reason}`);

/** AWS's wording when the source identity already has a user of its own (aws/aws-sdk-net#1000). */
export const mergeNotSupported = () => invalid('Merging is not currently supported, provide a SourceUser that has not been signed up in order to link');
export const destinationNotCognito = () => invalid('DestinationUser ProviderName must be Cognito.');
export const sourceIsCognito = () => invalid('SourceUser must be a user of an external identity provider, not a Cognito user.');
export const providerUserMissing = (member: string) => invalid(`${member} ProviderName and ProviderAttributeValue are required.`);
export const subjectAttributeRequired = (type: string) => invalid(`ProviderAttributeName must be Cognito_Subject for a provider of type ${type}.`);
export const immutableDestination = (attribute: string) => invalid(`DestinationUser has the immutable attribute ${attribute}: all attributes of a linked user must be mutable.`);
export const providerAlreadyLinked = (provider: string) => invalid(`DestinationUser is already linked to a user of provider ${provider}.`);
export const identityLinkedElsewhere = () => new CognitoError('AliasExistsException', 'The SourceUser is already linked to another user.');
export const tooManyLinks = (max: number) => new CognitoError('LimitExceededException', `A user can be linked to at most ${max} identity providers.`);
/** AdminDisableProviderForUser with ProviderName Cognito: Cognate does not take a native user's password sign-in away. */
export const nativeDisableUnsupported = () => new CognitoError('UnsupportedOperationException', 'Disabling a Cognito user\'s password sign-in through AdminDisableProviderForUser is not supported; use AdminDisableUser.');
