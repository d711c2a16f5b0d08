import type { Migration } from '../shared/migration.ts';

/** Migrations 10 and 11 (the counters of issue 18) and 12 (remembered devices, issue 20), in a file of their own to keep migrations.ts small. */
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
  {
    version: 12,
    name: 'remembered devices',
    // A user's confirmed devices go with the user. A refresh token names the device it was issued
    // to: refreshing it takes that device's key, and forgetting the device revokes it.
    sql: `
      CREATE TABLE devices (
        seq BIGSERIAL PRIMARY KEY,
        pool_id TEXT NOT NULL,
        sub TEXT NOT NULL,
        device_key TEXT NOT NULL,
        group_key TEXT NOT NULL,
        verifier TEXT NOT NULL,
        salt TEXT NOT NULL,
        name TEXT,
        status TEXT NOT NULL,
        last_ip TEXT,
        created_at BIGINT NOT NULL,
        last_modified_at BIGINT NOT NULL,
        last_authenticated_at BIGINT NOT NULL,
        UNIQUE (pool_id, sub, device_key),
        FOREIGN KEY (pool_id, sub) REFERENCES users(pool_id, sub) ON DELETE CASCADE
      );
      ALTER TABLE refresh_tokens ADD COLUMN device_key TEXT;
    `,
  },
];
