import type { Operation } from './types.ts';
import adminInitiateAuth from './admin-initiate-auth.ts';
import adminRespondToAuthChallenge from './admin-respond-to-auth-challenge.ts';
import adminUserGlobalSignOut from './admin-user-global-sign-out.ts';
import changePassword from './change-password.ts';
import confirmForgotPassword from './confirm-forgot-password.ts';
import forgotPassword from './forgot-password.ts';
import getTokensFromRefreshToken from './get-tokens-from-refresh-token.ts';
import globalSignOut from './global-sign-out.ts';
import initiateAuth from './initiate-auth.ts';
import respondToAuthChallenge from './respond-to-auth-challenge.ts';
import revokeToken from './revoke-token.ts';

/** The operations of this group, added to the registry in index.ts. */
export const operations: Operation[] = [
  initiateAuth,
  adminInitiateAuth,
  respondToAuthChallenge,
  adminRespondToAuthChallenge,
  getTokensFromRefreshToken,
  globalSignOut,
  adminUserGlobalSignOut,
  revokeToken,
  changePassword,
  forgotPassword,
  confirmForgotPassword,
];
