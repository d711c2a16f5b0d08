/** User import jobs. AWS publishes no wording for these; Cognate's own, in AWS's style. */
import { CognitoError } from './cognito-error.ts';

export const importJobNotFound = (jobId: string) => new CognitoError('ResourceNotFoundException', `Import job ${jobId} does not exist.`);
export const importJobNotStartable = (jobId: string, status: string) =>
  new CognitoError('PreconditionNotMetException', `Import job ${jobId} cannot be started: its status is ${status}.`);
export const importJobNotStoppable = (jobId: string, status: string) =>
  new CognitoError('PreconditionNotMetException', `Import job ${jobId} cannot be stopped: its status is ${status}.`);
/** The developer guide: a pool without an auto-verified attribute cannot run an import job. */
export const importNeedsAutoVerification = () =>
  new CognitoError('PreconditionNotMetException', 'The user pool has no auto-verified attributes (email or phone_number): users cannot be imported into it.');
export const importJobLimitReached = (max: number) =>
  new CognitoError('LimitExceededException', `The limit of ${max} import jobs not yet finished in a user pool has been reached.`);
