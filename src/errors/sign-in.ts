/** Signing in and the user states it meets, worded as Cognito words them. */
import { CognitoError } from './cognito-error.ts';

const notAuthorized = (message: string) => new CognitoError('NotAuthorizedException', message);
const invalidParameter = (message: string) => new CognitoError('InvalidParameterException', message);

export const incorrectCredentials = () => notAuthorized('Incorrect username or password.');
export const userDisabled = () => notAuthorized('User is disabled.');
export const userNotConfirmed = () => new CognitoError('UserNotConfirmedException', 'User is not confirmed.');
export const passwordResetRequired = () => new CognitoError('PasswordResetRequiredException', 'Password reset required for the user');
/** The sign-in lockout after repeated wrong passwords. */
export const passwordAttemptsExceeded = () => notAuthorized('Password attempts exceeded');
export const temporaryPasswordExpired = () => notAuthorized('Temporary password has expired and must be reset by an administrator.');
export const invalidSession = () => notAuthorized('Invalid session for the user, session is expired.');
export const signUpNotPermitted = () => notAuthorized('SignUp is not permitted for this user pool');
export const cannotConfirm = (status: string) => notAuthorized(`User cannot be confirmed. Current status is ${status}`);
export const cannotResetInState = () => notAuthorized('User password cannot be reset in the current state.');
/** ForgotPassword in a pool whose AccountRecoverySetting is admin_only. */
export const resetByAdministratorOnly = () => notAuthorized('Contact administrator to reset password.');

export const missingParameter = (name: string) => invalidParameter(`Missing required parameter ${name}`);
/**
 * An SRP_A that is no group element (not hex, too long, or 0 mod N): AWS answers a tampered SRP_A
 * with InvalidParameterException (amazon-cognito-identity-js#356); the wording is Cognate's.
 */
export const invalidSrpA = () => invalidParameter('SRP_A is not a valid SRP value.');
export const flowNotEnabled = (flow: string) => invalidParameter(`${flow} flow not enabled for this client`);
export const authMethodNotSupported = () => invalidParameter('Initiate Auth method not supported.');
export const unsupportedChallenge = (challenge: string) => invalidParameter(`Unsupported challenge name: ${challenge}`);
export const customAuthNotConfigured = () => invalidParameter('Custom auth lambda trigger is not configured for the user pool.');
/** The pool's UserMigration function refused the user (decided from reports of real responses). */
export const migrationFailed = (clientId: string) => new CognitoError('UserNotFoundException', `Exception migrating user in app client ${clientId}`);

/** App clients with a secret. */
export const secretNotReceived = (clientId: string) => notAuthorized(`Client ${clientId} is configured for secret but secret was not received`);
export const secretHashMismatch = (clientId: string) => notAuthorized(`Unable to verify secret hash for client ${clientId}`);
export const clientSecretMismatch = (clientId: string) => notAuthorized(`Unable to verify secret for client ${clientId}`);
export const invalidClientCredentials = () => new CognitoError('UnauthorizedException', 'Invalid client credentials.');
