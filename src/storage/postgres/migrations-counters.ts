import type { Migration } from '../shared/migration.ts';

/** Migrations 10 and 11, in a file of their own to keep migrations.ts small: the counters of issue 18. */
export const counterMigrations: Migration[] = [
  {
    version: 10,
    name: 'failed sign-in counters',
    // The lockout's counters, out of the users' settings: counted in one statement each, so that
    // concurrent wrong passwords are counted one by one, and kept for names no user holds too.
    sql: `
      CREATE TABLE lockouts (
        key TEXT PRIMARY KEY,
        failures INTEGER NOT NULL,
        last_failure_at BIGINT NOT NULL,
        locked_until BIGINT
      );
    `,
  },
  {
    version: 11,
    name: 'sliding windows for per-user limits',
    // The times of the takes still inside each window (at most the limit's number); a row whose
    // window has passed (expires_at) is the same as none and is purged.
    sql: `
      CREATE TABLE rate_windows (
        key TEXT PRIMARY KEY,
        times BIGINT[] NOT NULL,
        expires_at BIGINT NOT NULL
      );
    `,
  },
];
