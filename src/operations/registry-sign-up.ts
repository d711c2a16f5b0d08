import type { Operation } from './types.ts';
import confirmSignUp from './confirm-sign-up.ts';
import resendConfirmationCode from './resend-confirmation-code.ts';
import signUp from './sign-up.ts';

/** The operations of this group, added to the registry in index.ts. */
export const operations: Operation[] = [signUp, confirmSignUp, resendConfirmationCode];
