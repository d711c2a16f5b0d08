import type { Migration } from '../shared/migration.ts';

/** Migration 22: the web console's sign-in sessions, as SQLite's migration 26 (no pool: nothing cascades to them). */
export const consoleMigrations: Migration[] = [
  {
    version: 22,
    name: 'console sessions',
    sql: `
      CREATE TABLE console_sessions (
        hash TEXT PRIMARY KEY,
        access_key_id TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL
      );
      CREATE INDEX console_sessions_by_expiry ON console_sessions(expires_at);
    `,
  },
];
