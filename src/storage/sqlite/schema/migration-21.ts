import type { DatabaseSync } from 'node:sqlite';
import type { Migration } from '../../shared/migration.ts';

/**
 * Migration 21: UI customizations, one per pool (target ALL) and one per app client. `client_id`
 * is the target again when it is a client, so that deleting the client deletes its customization
 * (ALL names no client row); the index keeps that cascade from scanning the table.
 */
export const uiCustomizations: Migration<DatabaseSync> = {
  version: 21,
  name: 'ui customizations',
  sql: `
    CREATE TABLE ui_customizations (
      pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
      target TEXT NOT NULL,
      client_id TEXT REFERENCES clients(client_id) ON DELETE CASCADE,
      css TEXT,
      image BLOB,
      image_type TEXT,
      version TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      last_modified_at INTEGER NOT NULL,
      PRIMARY KEY (pool_id, target)
    );
    CREATE INDEX ui_customizations_by_client ON ui_customizations(client_id);
  `,
};
