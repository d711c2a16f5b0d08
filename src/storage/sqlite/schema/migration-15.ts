import type { DatabaseSync } from 'node:sqlite';
import type { Migration } from '../../shared/migration.ts';

/** Migration 15, in a file of its own (migrations.ts is near its size). */
export const compactWindows: Migration<DatabaseSync> = {
  version: 15,
  name: 'sliding windows stored by their key',
  // A client that hides whether users exist keeps a window for each made-up name it is sent (issue
  // 18): as a rowid table with a text primary key, each row's key was written twice, in the table
  // and in the index of keys. Clustered on the key instead, a window is one short entry, and
  // taking from it one B-tree lookup.
  sql: `
    CREATE TABLE rate_windows_v14 (
      key TEXT PRIMARY KEY,
      times TEXT NOT NULL,
      expires_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO rate_windows_v14 (key, times, expires_at) SELECT key, times, expires_at FROM rate_windows;
    DROP TABLE rate_windows;
    ALTER TABLE rate_windows_v14 RENAME TO rate_windows;
  `,
};
