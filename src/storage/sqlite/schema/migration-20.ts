import type { DatabaseSync } from 'node:sqlite';
import type { Migration } from '../../shared/migration.ts';

/**
 * Migration 20 (issue 21): the scopes a refresh token was granted at the OAuth 2.0 endpoints
 * (space-separated, as the access token's `scope` claim), kept by its refreshes. NULL for the
 * API's sign-ins, whose tokens carry aws.cognito.signin.user.admin.
 */
export const refreshTokenScopes: Migration<DatabaseSync> = {
  version: 20,
  name: 'refresh token scopes',
  sql: 'ALTER TABLE refresh_tokens ADD COLUMN scopes TEXT;',
};
