import type { DatabaseSync } from 'node:sqlite';
import type { Migration } from '../../shared/migration.ts';

/**
 * Migration 26: the web console's sign-in sessions, by the SHA-256 of the browser's token. They
 * belong to no pool, so nothing cascades to them; expired ones are purged by expiry. Rows are
 * small and found only by their key: one B-tree (WITHOUT ROWID), as the lockouts are.
 */
export const consoleSessions: Migration<DatabaseSync> = {
  version: 26,
  name: 'console sessions',
  sql: `
    CREATE TABLE console_sessions (
      hash TEXT PRIMARY KEY,
      access_key_id TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX console_sessions_by_expiry ON console_sessions(expires_at);
  `,
};
