/** Threat protection (auth events, risk configuration, adaptive authentication). */
import { CognitoError } from './cognito-error.ts';

/**
 * The event history and risk configuration of a pool without threat protection. The type is the
 * model's ("thrown when user pool add-ons aren't enabled"); no source shows AWS's message, so
 * the wording is Cognate's.
 */
export const userPoolAddOnNotEnabled = () => new CognitoError('UserPoolAddOnNotEnabledException', 'Threat protection is not enabled for this user pool.');
/** A sign-in refused by BlockedIPRangeList or by an account-takeover BLOCK action (no source shows AWS's words; Cognate's). */
export const signInBlockedForSecurity = () => new CognitoError('NotAuthorizedException', 'Unable to sign in because of security reasons.');
/** A password on the configured list of known-breached passwords, where the action is BLOCK. */
export const compromisedPassword = () => new CognitoError('InvalidPasswordException', 'The password has been found in a data breach and cannot be used.');
/** A sign-in with a known-breached password, where the action is BLOCK (Cognate's words). */
export const compromisedSignIn = () => new CognitoError('NotAuthorizedException', 'Password compromised.');
export const invalidIpRange = (range: string) => new CognitoError('InvalidParameterException', `${range} is not a valid IP range in CIDR notation.`);
/** UpdateAuthEventFeedback with a token that is not the event's (or was used). */
export const invalidFeedbackToken = () => new CognitoError('NotAuthorizedException', 'Invalid feedback token.');
export const authEventNotFound = () => new CognitoError('ResourceNotFoundException', 'Auth event not found.');
