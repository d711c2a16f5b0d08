import type { DatabaseSync } from 'node:sqlite';
import type { Migration } from '../../shared/migration.ts';

/** Migration 14, in a file of its own to keep migrations.ts small (see migrations.ts). */
export const compactLockouts: Migration<DatabaseSync> = {
  version: 14,
  name: 'failed sign-in counters in one B-tree',
  // Every made-up name a client that hides users is asked about leaves a counter until it no
  // longer counts. Without a rowid the table is its key's B-tree, rather than a table plus an index
  // holding the key again: 20,000 such names take 0.85 MB instead of 1.5 MB (and 2.3 MB with the
  // 43-character keys before). The keys changed form with it (23 characters), so the counters of
  // the old form, which nothing would ever find again, are not copied: a failure streak under way
  // when the server is upgraded starts again from zero.
  sql: `
    DROP TABLE lockouts;
    CREATE TABLE lockouts (
      key TEXT PRIMARY KEY,
      failures INTEGER NOT NULL,
      last_failure_at INTEGER NOT NULL,
      locked_until INTEGER
    ) WITHOUT ROWID;
  `,
};
