import type { Migration } from '../shared/migration.ts';

/** Migration 21 (issue 22): managed login branding styles and terms documents, as SQLite's migration 25. */
export const managedLoginMigrations: Migration[] = [
  {
    version: 21,
    name: 'managed login branding and terms',
    sql: `
      CREATE TABLE managed_login_brandings (
        id TEXT PRIMARY KEY,
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        client_id TEXT NOT NULL UNIQUE REFERENCES clients(client_id) ON DELETE CASCADE,
        use_cognito_provided_values BOOLEAN NOT NULL,
        settings TEXT,
        assets TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        last_modified_at BIGINT NOT NULL
      );
      CREATE TABLE terms (
        seq BIGSERIAL PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        client_id TEXT NOT NULL REFERENCES clients(client_id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        source TEXT NOT NULL,
        enforcement TEXT NOT NULL,
        links TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        last_modified_at BIGINT NOT NULL,
        UNIQUE (client_id, name)
      );
      CREATE INDEX terms_by_pool ON terms(pool_id, seq);
      CREATE INDEX managed_login_brandings_by_pool ON managed_login_brandings(pool_id);
    `,
  },
];
