import type { DatabaseSync } from 'node:sqlite';
import type { Migration } from '../../shared/migration.ts';

/**
 * Migration 25 (issue 22): managed login branding styles, one per app client (its settings
 * document as JSON text, its assets as a JSON list with their bytes in base64), and terms
 * documents, one of each name per app client. Both go with their client and their pool.
 */
export const managedLogin: Migration<DatabaseSync> = {
  version: 25,
  name: 'managed login branding and terms',
  sql: `
    CREATE TABLE managed_login_brandings (
      id TEXT PRIMARY KEY,
      pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
      client_id TEXT NOT NULL UNIQUE REFERENCES clients(client_id) ON DELETE CASCADE,
      use_cognito_provided_values INTEGER NOT NULL,
      settings TEXT,
      assets TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      last_modified_at INTEGER NOT NULL
    );
    CREATE TABLE terms (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
      client_id TEXT NOT NULL REFERENCES clients(client_id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      source TEXT NOT NULL,
      enforcement TEXT NOT NULL,
      links TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      last_modified_at INTEGER NOT NULL,
      UNIQUE (client_id, name)
    );
    CREATE INDEX terms_by_pool ON terms(pool_id, seq);
    CREATE INDEX managed_login_brandings_by_pool ON managed_login_brandings(pool_id);
  `,
};
