import type { Operation } from '../operation.ts';
import adminResetUserPassword from './admin-reset-user-password.ts';
import adminSetUserPassword from './admin-set-user-password.ts';
import changePassword from './change-password.ts';
import confirmForgotPassword from './confirm-forgot-password.ts';
import forgotPassword from './forgot-password.ts';

/** Passwords: change, forgotten-password recovery, and an administrator's reset and set. */
export const operations: Operation[] = [adminResetUserPassword, adminSetUserPassword, changePassword, confirmForgotPassword, forgotPassword];
