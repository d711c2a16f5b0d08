import type { Migration } from '../shared/migration.ts';

/**
 * Migrations 15 and 16 (issue 21): a pool's identity providers and their identifiers, as SQLite's
 * migration 19; the scopes a refresh token was granted at the OAuth 2.0 endpoints, as its 20.
 */
export const identityProviderMigrations: Migration[] = [
  {
    version: 15,
    name: 'identity providers',
    sql: `
      CREATE TABLE identity_providers (
        seq BIGSERIAL PRIMARY KEY,
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        name TEXT COLLATE "C" NOT NULL,
        type TEXT NOT NULL,
        details TEXT NOT NULL,
        attribute_mapping TEXT NOT NULL,
        identifiers TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        last_modified_at BIGINT NOT NULL,
        CONSTRAINT identity_providers_name_unique UNIQUE (pool_id, name)
      );
      CREATE TABLE identity_provider_identifiers (
        pool_id TEXT NOT NULL,
        identifier TEXT COLLATE "C" NOT NULL,
        provider_name TEXT COLLATE "C" NOT NULL,
        PRIMARY KEY (pool_id, identifier),
        FOREIGN KEY (pool_id, provider_name) REFERENCES identity_providers(pool_id, name) ON DELETE CASCADE
      );
    `,
  },
  {
    version: 16,
    name: 'refresh token scopes',
    sql: 'ALTER TABLE refresh_tokens ADD COLUMN scopes TEXT;',
  },
];
