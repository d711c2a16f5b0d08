import type { Operation } from '../operation.ts';
import adminConfirmSignUp from './admin-confirm-sign-up.ts';
import confirmSignUp from './confirm-sign-up.ts';
import resendConfirmationCode from './resend-confirmation-code.ts';
import signUp from './sign-up.ts';

/** Self-service sign-up and its confirmation. */
export const operations: Operation[] = [adminConfirmSignUp, confirmSignUp, resendConfirmationCode, signUp];
