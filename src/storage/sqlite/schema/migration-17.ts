import type { DatabaseSync } from 'node:sqlite';
import type { Migration } from '../../shared/migration.ts';

/** Migration 17 (issue 20): users' passkeys, in a file of its own (migrations.ts is near its size). */
export const passkeysTable: Migration<DatabaseSync> = {
  version: 17,
  name: 'passkeys',
  // A credential id is unique in its pool, so that one authenticator's credential is one user's;
  // the rows go with their user.
  sql: `
    CREATE TABLE passkeys (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      pool_id TEXT NOT NULL,
      sub TEXT NOT NULL,
      credential_id TEXT NOT NULL,
      public_key TEXT NOT NULL,
      counter INTEGER NOT NULL,
      transports TEXT NOT NULL,
      attachment TEXT,
      friendly_name TEXT NOT NULL,
      relying_party_id TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      UNIQUE (pool_id, credential_id),
      FOREIGN KEY (pool_id, sub) REFERENCES users(pool_id, sub) ON DELETE CASCADE
    );
    CREATE INDEX passkeys_by_user ON passkeys(pool_id, sub, seq);
  `,
};
