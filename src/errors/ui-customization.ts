/**
 * SetUICustomization's refusals. Only the missing domain's wording is AWS's (seen in a
 * CloudFormation deployment's error); AWS's words for refused CSS and images are not published,
 * so these are Cognate's, in AWS's style.
 */
import { CognitoError } from './cognito-error.ts';

const invalid = (message: string) => new CognitoError('InvalidParameterException', message);

export const customizationNeedsDomain = () => invalid('A domain must be associated with this user pool.');
export const cssNotCustomizable = (selector: string) => invalid(`CSS selector ${JSON.stringify(selector)} is not one of the customizable classes.`);
export const cssAtRule = (rule: string) => invalid(`CSS cannot contain ${rule} statements.`);
export const cssScript = () => invalid('CSS cannot contain JavaScript, expressions, bindings or escapes.');
export const cssLoads = () => invalid('CSS cannot load resources: url(), image() and image-set() are not allowed; set the logo with ImageFile.');
export const cssMalformed = () => invalid('CSS is not well formed: every rule is a list of selectors and a block of declarations.');
export const imageTooLarge = () => invalid('The image file is larger than 100 KB.');
export const imageNotSupported = () => invalid('The image file must be a PNG, JPEG or SVG image.');
