import type { Operation } from '../operation.ts';
import adminUserGlobalSignOut from './admin-user-global-sign-out.ts';
import getTokensFromRefreshToken from './get-tokens-from-refresh-token.ts';
import globalSignOut from './global-sign-out.ts';
import revokeToken from './revoke-token.ts';

/** Sessions: refreshing tokens, signing out, revoking. */
export const operations: Operation[] = [adminUserGlobalSignOut, getTokensFromRefreshToken, globalSignOut, revokeToken];
