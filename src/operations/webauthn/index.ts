import type { Operation } from '../operation.ts';
import completeWebAuthnRegistration from './complete-web-authn-registration.ts';
import deleteWebAuthnCredential from './delete-web-authn-credential.ts';
import listWebAuthnCredentials from './list-web-authn-credentials.ts';
import startWebAuthnRegistration from './start-web-authn-registration.ts';

/** Passkeys: a signed-in user registers, lists and deletes their own. */
export const operations: Operation[] = [completeWebAuthnRegistration, deleteWebAuthnCredential, listWebAuthnCredentials, startWebAuthnRegistration];
