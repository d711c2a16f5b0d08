/** Remembered devices: a device no one has, or one the request may not use. */
import { CognitoError } from './cognito-error.ts';

/**
 * A device key no device of the user has. The wording is AWS's: Amplify v6 forgets its stored
 * device and signs in again when a ResourceNotFoundException says "Device does not exist."
 * (amplify-js, packages/auth/src/providers/cognito/utils/retryOnResourceNotFoundException.ts).
 */
export const deviceNotFound = () => new CognitoError('ResourceNotFoundException', 'Device does not exist.');

/**
 * ConfirmDevice for a device key the access token was not issued with: AWS's words, as reported
 * in amplify-js issues 2087 and 8469 ("Invalid device key given.").
 */
export const invalidDeviceKey = () => new CognitoError('InvalidParameterException', 'Invalid device key given.');

/** ConfirmDevice, again, for a device already confirmed (Cognate's wording; AWS models DeviceKeyExistsException for it). */
export const deviceKeyExists = () => new CognitoError('DeviceKeyExistsException', 'Device key already exists.');

/** ConfirmDevice without a usable verifier: a device that cannot prove itself cannot be remembered (Cognate's wording). */
export const invalidDeviceVerifier = () => new CognitoError('InvalidParameterException', 'Invalid DeviceSecretVerifierConfig: PasswordVerifier and Salt must be base64 of an SRP verifier and its salt.');

/** UpdateDeviceStatus / AdminUpdateDeviceStatus without a status (Cognate's wording). */
export const deviceStatusRequired = () => new CognitoError('InvalidParameterException', 'DeviceRememberedStatus must be remembered or not_remembered.');
