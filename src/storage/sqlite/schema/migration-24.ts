import type { DatabaseSync } from 'node:sqlite';
import type { Migration } from '../../shared/migration.ts';

/**
 * Migration 24 (issue 22): an app client's secrets, when it holds more than the one it was made
 * with (AddUserPoolClientSecret): a JSON list of each secret and when it was made, oldest first.
 * Kept as `secret` is (DescribeUserPoolClient answers it); `secret` stays the first one's value.
 */
export const clientSecrets: Migration<DatabaseSync> = {
  version: 24,
  name: 'app client secrets',
  sql: 'ALTER TABLE clients ADD COLUMN secrets TEXT;',
};
