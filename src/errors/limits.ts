/** Requests refused before the operation: protection rules and request-rate quotas. */
import { CognitoError } from './cognito-error.ts';

export const rateExceeded = () => new CognitoError('TooManyRequestsException', 'Rate exceeded');
/** What a WAF web ACL in front of the pool answers; HTTP 403. */
export const wafBlocked = () => new CognitoError('ForbiddenException', 'Request not allowed due to WAF block.');
