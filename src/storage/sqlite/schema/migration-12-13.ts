import type { DatabaseSync } from 'node:sqlite';
import type { Migration } from '../../shared/migration.ts';

/** Migrations 12 and 13, the counters' tables, in a file of their own to keep migrations.ts small. */
export const lockoutsTable: Migration<DatabaseSync> = {
  version: 12,
  name: 'failed sign-in counters',
  // The lockout's counters, out of the users' settings: counted in one statement each, so that
  // concurrent wrong passwords are counted one by one, and kept for names no user holds too.
  sql: `
    CREATE TABLE lockouts (
      key TEXT PRIMARY KEY,
      failures INTEGER NOT NULL,
      last_failure_at INTEGER NOT NULL,
      locked_until INTEGER
    );
  `,
};

export const rateWindowsTable: Migration<DatabaseSync> = {
  version: 13,
  name: 'sliding windows for per-user limits',
  // The times of the takes still inside each window (a JSON array of at most the limit's
  // number); a row whose window has passed (expires_at) is the same as none and is purged.
  sql: `
    CREATE TABLE rate_windows (
      key TEXT PRIMARY KEY,
      times TEXT NOT NULL,
      expires_at INTEGER NOT NULL
    );
  `,
};
