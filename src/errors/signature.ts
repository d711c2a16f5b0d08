/** SigV4 on signed (administrative) operations, worded as AWS's front door words each refusal. */
import { CognitoError } from './cognito-error.ts';

export const missingAuthenticationToken = () => new CognitoError('MissingAuthenticationTokenException', 'Request is missing Authentication Token');
export const unrecognizedClient = () => new CognitoError('UnrecognizedClientException', 'The security token included in the request is invalid.');

const incomplete = (message: string) => new CognitoError('IncompleteSignatureException', message);
export const signatureDateNotIso = (date: string) => incomplete(`Date must be in ISO-8601 'basic format'. Got '${date}'. See http://en.wikipedia.org/wiki/ISO_8601`);
export const unsupportedSignatureAlgorithm = (algorithm: string, supported: string) => incomplete(`Unsupported AWS 'algorithm': '${algorithm}' (only ${supported} for now). `);
export const credentialNotFiveParts = (credential: string) =>
  incomplete(`Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`);
export const notKeyValuePair = (token: string, authorization: string) =>
  incomplete(`'${token}' not a valid key=value pair (missing equal-sign) in Authorization header: '${authorization}'.`);
/** `missing` lists what the Authorization header lacks, each as AWS phrases it. */
export const authorizationIncomplete = (missing: string, authorization: string) => incomplete(`${missing}Authorization=${authorization}`);
export const queryAuthorizationIncomplete = (missing: string) => incomplete(`${missing}Re-examine the query-string parameters.`);
/** A presigned request valid for more than a week: S3's wording of the rule (AWS's other front doors do not document theirs). */
export const presignedExpiryTooLong = () =>
  incomplete('X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds');

const invalid = (message: string) => new CognitoError('InvalidSignatureException', message);
export const hostNotSigned = () => invalid("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
/** An `x-amz-*` header the request carries outside its signature, named as received. */
export const headerNotSigned = (header: string) => invalid(`'${header}' must be a 'SignedHeader' in the AWS Authorization.`);
export const signatureMismatch = () =>
  invalid('The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.');
/** The credential scope names another date, region or service than the request's. */
export const credentialScopeMismatch = (detail: string) => invalid(detail);
export const signatureExpired = (time: string, earliest: string, now: string, window: string) =>
  invalid(`Signature expired: ${time} is now earlier than ${earliest} (${now} - ${window}.)`);
export const signatureNotYetCurrent = (time: string, latest: string, now: string, window: string) =>
  invalid(`Signature not yet current: ${time} is still later than ${latest} (${now} + ${window}.)`);
