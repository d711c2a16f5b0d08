import type { Migration } from '../shared/migration.ts';

/** Migration 17: UI customizations, as SQLite's migration 21. */
export const uiMigrations: Migration[] = [
  {
    version: 17,
    name: 'ui customizations',
    sql: `
      CREATE TABLE ui_customizations (
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        target TEXT NOT NULL,
        client_id TEXT REFERENCES clients(client_id) ON DELETE CASCADE,
        css TEXT,
        image BYTEA,
        image_type TEXT,
        version TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        last_modified_at BIGINT NOT NULL,
        PRIMARY KEY (pool_id, target)
      );
      CREATE INDEX ui_customizations_by_client ON ui_customizations(client_id);
    `,
  },
];
