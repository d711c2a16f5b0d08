/** A pool's Lambda trigger that failed, timed out, or answered something unusable, worded as Cognito words it. */
import { CognitoError } from './cognito-error.ts';

/** `trigger` is the trigger's name in Cognito's messages (PreSignUp, CustomMessage, ...). */
export const functionError = (trigger: string, message: string) => new CognitoError('UserLambdaValidationException', `${trigger} failed with error ${message}.`);
export const invocationFailed = (trigger: string, reason: string) => new CognitoError('UnexpectedLambdaException', `${trigger} invocation failed due to error ${reason}.`);
export const INVOCATION_TIMEOUT = 'Socket timeout while invoking Lambda function';
export const invocationTimedOut = (trigger: string) => invocationFailed(trigger, INVOCATION_TIMEOUT);
export const noFunctionConfigured = (trigger: string, arn: string) => invocationFailed(trigger, `ResourceNotFoundException: no function is configured for ${arn}`);

export const unrecognizableLambdaOutput = () => new CognitoError('InvalidLambdaResponseException', 'Unrecognizable lambda output');
/** `kind` is `code` or `username`. */
export const customMessageLacksPlaceholder = (member: string, kind: string, placeholder: string) =>
  new CognitoError('InvalidLambdaResponseException', `The ${member} returned by CustomMessage does not contain the ${kind} placeholder ${placeholder}.`);
export const customMessageTooLong = (member: string, max: number) =>
  new CognitoError('InvalidLambdaResponseException', `The ${member} returned by CustomMessage is longer than ${max} characters.`);
