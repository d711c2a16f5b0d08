/** What AWS's front door answers before an operation runs: the request's form, its target, its size. */
import { CognitoError } from './cognito-error.ts';

export const bodyNotJson = (detail: string) => new CognitoError('SerializationException', `The request body is not valid JSON: ${detail}`);
export const bodyNotObject = () => new CognitoError('SerializationException', 'Unexpected value type for the request: expected a JSON object');
export const unexpectedValueType = (path: string, expected: string) => new CognitoError('SerializationException', `Unexpected value type at '${path}': expected ${expected}`);
/** Malformed HTTP that the server refused before a route ran, in the server's words. */
export const malformedRequest = (detail: string) => new CognitoError('SerializationException', detail);
export const bodyTooLarge = (limit: number) => new CognitoError('RequestEntityTooLargeException', `The request body is larger than the limit of ${limit} bytes.`);

export const noTarget = () => new CognitoError('UnknownOperationException', 'The request has no X-Amz-Target header naming an operation.');
export const unknownTarget = (target: string) =>
  new CognitoError('UnknownOperationException', `${target} is not an operation of the Cognito user pools API (AWSCognitoIdentityProviderService).`);
export const noRoute = (method: string, url: string) =>
  new CognitoError('UnknownOperationException', `No route for ${method} ${url}. Cognito requests are POST / with an X-Amz-Target header.`);
export const notImplemented = (operation: string) => new CognitoError('UnsupportedOperationException', `Cognate does not implement ${operation} yet.`);

/** What the caller sees of an unexpected failure: only the request id to quote. */
export const internalError = (requestId: string) => new CognitoError('InternalErrorException', `An internal error occurred. Request id: ${requestId}`);

/** The model's constraints, as AWS's validator reports them: each violation, `; `-separated. */
export function validationErrors(violations: string[]): CognitoError {
  const head = violations.length === 1 ? '1 validation error detected: ' : `${violations.length} validation errors detected: `;
  return new CognitoError('InvalidParameterException', head + violations.join('; '));
}

/** A member the operation needs that the request left out (where the model calls it optional). */
export const memberMissing = (member: string) => validationErrors([`Value null at '${member}' failed to satisfy constraint: Member must not be null`]);
