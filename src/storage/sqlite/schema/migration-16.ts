import type { DatabaseSync } from 'node:sqlite';
import type { Migration } from '../../shared/migration.ts';

/** Migration 16, in a file of its own (migrations.ts is near its size). */
export const devices: Migration<DatabaseSync> = {
  version: 16,
  name: 'remembered devices',
  // A user's confirmed devices go with the user. A refresh token names the device it was issued
  // to: refreshing it takes that device's key, and forgetting the device revokes it.
  sql: `
    CREATE TABLE devices (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      pool_id TEXT NOT NULL,
      sub TEXT NOT NULL,
      device_key TEXT NOT NULL,
      group_key TEXT NOT NULL,
      verifier TEXT NOT NULL,
      salt TEXT NOT NULL,
      name TEXT,
      status TEXT NOT NULL,
      last_ip TEXT,
      created_at INTEGER NOT NULL,
      last_modified_at INTEGER NOT NULL,
      last_authenticated_at INTEGER NOT NULL,
      UNIQUE (pool_id, sub, device_key),
      FOREIGN KEY (pool_id, sub) REFERENCES users(pool_id, sub) ON DELETE CASCADE
    );
    ALTER TABLE refresh_tokens ADD COLUMN device_key TEXT;
  `,
};
