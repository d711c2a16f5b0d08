import type { DatabaseSync } from 'node:sqlite';
import type { Migration } from '../../shared/migration.ts';

/** Migration 19 (issue 21): a pool's identity providers, and their identifiers. */
export const identityProviders: Migration<DatabaseSync> = {
  version: 19,
  name: 'identity providers',
  // An identifier is unique in its pool (GetIdentityProviderByIdentifier finds one provider by it):
  // its own table's key says so atomically. Both go with their pool; identifiers with their provider.
  sql: `
    CREATE TABLE identity_providers (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      type TEXT NOT NULL,
      details TEXT NOT NULL,
      attribute_mapping TEXT NOT NULL,
      identifiers TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      last_modified_at INTEGER NOT NULL,
      UNIQUE (pool_id, name)
    );
    CREATE TABLE identity_provider_identifiers (
      pool_id TEXT NOT NULL,
      identifier TEXT NOT NULL,
      provider_name TEXT NOT NULL,
      PRIMARY KEY (pool_id, identifier),
      FOREIGN KEY (pool_id, provider_name) REFERENCES identity_providers(pool_id, name) ON DELETE CASCADE
    );
  `,
};
