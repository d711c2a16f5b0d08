/**
 * Managed login branding styles and terms documents (issue 22). The exception types are AWS's
 * (ManagedLoginBrandingExistsException, TermsExistsException); AWS does not publish its wording,
 * so these messages are Cognate's, in AWS's style.
 */
import { CognitoError } from './cognito-error.ts';

const invalid = (message: string) => new CognitoError('InvalidParameterException', message);

export const brandingExists = (clientId: string) =>
  new CognitoError('ManagedLoginBrandingExistsException', `A managed login branding style already exists for app client ${clientId}.`);
export const brandingNotFound = () => new CognitoError('ResourceNotFoundException', 'Managed login branding style does not exist.');
export const brandingDefaultsExclusive = () => invalid('UseCognitoProvidedValues cannot be true when Settings or Assets are given.');
export const assetDuplicate = (category: string, colorMode: string) => invalid(`Assets contain more than one ${category} asset for color mode ${colorMode}.`);
export const assetBytesMissing = (category: string) => invalid(`Asset ${category} has no Bytes.`);
export const assetNotExtension = (category: string, extension: string) => invalid(`Asset ${category} is not a ${extension} file.`);
export const assetsTooLarge = (max: number) => invalid(`The branding style's assets together are larger than ${max} bytes.`);
export const settingsTooDeep = (max: number) => invalid(`Settings are nested more than ${max} levels deep.`);
export const settingsTooLarge = (max: number) => invalid(`Settings are larger than ${max} bytes.`);

export const termsExists = (name: string, clientId: string) =>
  new CognitoError('TermsExistsException', `Terms ${name} already exist for app client ${clientId}.`);
export const termsNotFound = () => new CognitoError('ResourceNotFoundException', 'Terms do not exist.');
export const termsLinksRequired = () => invalid('Links are required when TermsSource is LINK.');
export const termsLinkNotHttps = (language: string) => invalid(`The link for ${language} must be an https URL.`);
