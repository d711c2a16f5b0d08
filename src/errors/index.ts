/**
 * The error catalogue: every Cognito error Cognate answers, each made by a named constructor with
 * AWS's wording where it is known (and Cognate's own, in AWS's style, where it is not). Nothing
 * outside this folder makes a CognitoError itself (the lint says so), so each message is spelled
 * once; catalogue.test.ts checks that no two constructors answer alike.
 */
export { CognitoError, isCognitoError, statusFor, type CognitoErrorType } from './cognito-error.ts';
export * from './attributes.ts';
export * from './client-secrets.ts';
export * from './codes.ts';
export * from './delivery.ts';
export * from './federation.ts';
export * from './devices.ts';
export * from './identity-providers.ts';
export * from './import.ts';
export * from './limits.ts';
export * from './log-delivery.ts';
export * from './managed-login.ts';
export * from './mfa.ts';
export * from './oauth-resources.ts';
export * from './passwordless.ts';
export * from './protocol.ts';
export * from './resources.ts';
export * from './settings.ts';
export * from './sign-in.ts';
export * from './signature.ts';
export * from './tags.ts';
export * from './tokens.ts';
export * from './triggers.ts';
export * from './ui-customization.ts';
export * from './users.ts';
export * from './threat.ts';
export * from './webauthn.ts';
