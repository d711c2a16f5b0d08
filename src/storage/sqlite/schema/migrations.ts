import type { DatabaseSync } from 'node:sqlite';
import type { Migration } from '../../shared/migration.ts';
import { outboxNumbering } from './migration-11.ts';
import { lockoutsTable, rateWindowsTable } from './migration-12-13.ts';
import { compactLockouts } from './migration-14.ts';
import { compactWindows } from './migration-15.ts';
import { devices } from './migration-16.ts';
import { passkeysTable } from './migration-17.ts';
import { oauthResources } from './migration-18.ts';
import { identityProviders } from './migration-19.ts';
import { refreshTokenScopes } from './migration-20.ts';
import { uiCustomizations } from './migration-21.ts';
import { importJobsTables } from './migration-22.ts';
import { threatProtection } from './migration-23.ts';
import { clientSecrets } from './migration-24.ts';
import { managedLogin } from './migration-25.ts';
import { consoleSessions } from './migration-26.ts';

/** The SQLite schema's migrations, applied in order at start-up inside one transaction each. */
export const migrations: Migration<DatabaseSync>[] = [
  {
    version: 1,
    name: 'pools and app clients',
    sql: `
      CREATE TABLE pools (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        last_modified_at INTEGER NOT NULL,
        config TEXT NOT NULL
      );
      CREATE TABLE clients (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        client_id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        secret TEXT,
        created_at INTEGER NOT NULL,
        last_modified_at INTEGER NOT NULL,
        config TEXT NOT NULL
      );
      CREATE INDEX clients_by_pool ON clients(pool_id, seq);
    `,
  },
  {
    version: 2,
    name: 'codes, server secrets, the message outbox, quotas',
    sql: `
      CREATE TABLE server_secrets (
        purpose TEXT NOT NULL,
        id TEXT NOT NULL,
        secret BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (purpose, id)
      );
      CREATE TABLE codes (
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL,
        purpose TEXT NOT NULL,
        attribute TEXT NOT NULL,
        hmac BLOB NOT NULL,
        key_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        consumed_at INTEGER,
        invalidated_at INTEGER,
        PRIMARY KEY (pool_id, user_id, purpose, attribute)
      );
      CREATE INDEX codes_by_expiry ON codes(expires_at);
      CREATE TABLE messages (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL,
        username TEXT NOT NULL,
        medium TEXT NOT NULL,
        channel TEXT NOT NULL,
        destination TEXT NOT NULL,
        subject TEXT,
        body TEXT NOT NULL,
        from_address TEXT,
        reply_to TEXT,
        code TEXT,
        code_purpose TEXT,
        code_attribute TEXT,
        code_hmac BLOB,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        next_attempt_at INTEGER NOT NULL,
        lease_until INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        sent_at INTEGER
      );
      CREATE INDEX messages_due ON messages(status, next_attempt_at);
      CREATE INDEX messages_by_pool ON messages(pool_id, seq);
      CREATE TABLE quotas (
        key TEXT NOT NULL,
        period TEXT NOT NULL,
        used INTEGER NOT NULL,
        PRIMARY KEY (key, period)
      );
    `,
  },
  {
    version: 3,
    name: 'users, their keys, groups',
    sql: `
      CREATE TABLE users (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        sub TEXT NOT NULL,
        username TEXT NOT NULL,
        username_key TEXT NOT NULL,
        status TEXT NOT NULL,
        enabled INTEGER NOT NULL,
        attributes TEXT NOT NULL,
        pending TEXT NOT NULL,
        password TEXT,
        settings TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        last_modified_at INTEGER NOT NULL,
        version INTEGER NOT NULL,
        UNIQUE (pool_id, sub),
        UNIQUE (pool_id, username_key)
      );
      CREATE INDEX users_by_pool ON users(pool_id, seq);
      CREATE TABLE user_aliases (
        pool_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        sub TEXT NOT NULL,
        PRIMARY KEY (pool_id, kind, key),
        FOREIGN KEY (pool_id, sub) REFERENCES users(pool_id, sub) ON DELETE CASCADE
      );
      CREATE INDEX user_aliases_by_user ON user_aliases(pool_id, sub);
      CREATE TABLE user_search (
        pool_id TEXT NOT NULL,
        attr TEXT NOT NULL,
        value TEXT NOT NULL,
        seq INTEGER NOT NULL,
        sub TEXT NOT NULL,
        PRIMARY KEY (pool_id, attr, value, seq),
        FOREIGN KEY (pool_id, sub) REFERENCES users(pool_id, sub) ON DELETE CASCADE
      );
      CREATE INDEX user_search_by_user ON user_search(pool_id, sub);
      CREATE TABLE groups (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        description TEXT,
        role_arn TEXT,
        precedence INTEGER,
        created_at INTEGER NOT NULL,
        last_modified_at INTEGER NOT NULL,
        UNIQUE (pool_id, name)
      );
      CREATE TABLE group_members (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        pool_id TEXT NOT NULL,
        group_name TEXT NOT NULL,
        sub TEXT NOT NULL,
        UNIQUE (pool_id, group_name, sub),
        FOREIGN KEY (pool_id, group_name) REFERENCES groups(pool_id, name) ON DELETE CASCADE ON UPDATE CASCADE,
        FOREIGN KEY (pool_id, sub) REFERENCES users(pool_id, sub) ON DELETE CASCADE
      );
      CREATE INDEX group_members_by_user ON group_members(pool_id, sub);
    `,
  },
  {
    version: 4,
    name: 'trigger invocations',
    sql: `
      CREATE TABLE trigger_invocations (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        pool_id TEXT NOT NULL,
        trigger_source TEXT NOT NULL,
        function_arn TEXT NOT NULL,
        invoker TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        duration_ms REAL NOT NULL,
        outcome TEXT NOT NULL,
        error TEXT
      );
      CREATE INDEX trigger_invocations_by_pool ON trigger_invocations(pool_id, seq);
    `,
  },
  {
    version: 5,
    name: 'signing keys, refresh tokens, revocations',
    sql: `
      CREATE TABLE signing_keys (
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        kid TEXT NOT NULL,
        public_jwk TEXT NOT NULL,
        private_key_enc TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        retired_at INTEGER,
        PRIMARY KEY (pool_id, kid)
      );
      CREATE TABLE refresh_tokens (
        hash TEXT PRIMARY KEY,
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        client_id TEXT NOT NULL,
        sub TEXT NOT NULL,
        origin_jti TEXT NOT NULL,
        auth_time INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        revoked_at INTEGER
      );
      CREATE INDEX refresh_tokens_by_user ON refresh_tokens(pool_id, sub);
      CREATE TABLE revoked_origins (
        origin_jti TEXT PRIMARY KEY,
        expires_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 6,
    name: 'authentication challenge sessions',
    sql: `
      CREATE TABLE auth_sessions (
        hash TEXT PRIMARY KEY,
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        client_id TEXT NOT NULL,
        sub TEXT NOT NULL,
        challenge TEXT NOT NULL,
        state TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX auth_sessions_by_expiry ON auth_sessions(expires_at);
    `,
  },
  {
    version: 7,
    name: 'rate-limit token buckets',
    sql: `
      CREATE TABLE rate_buckets (
        key TEXT PRIMARY KEY,
        tokens REAL NOT NULL,
        updated_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 8,
    name: 'configuration versions',
    // Bumped by every update of a pool or an app client: a reader that holds the parsed
    // configuration of a version asks for the text only when the version has changed.
    sql: `
      ALTER TABLE pools ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE clients ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    `,
  },
  {
    version: 9,
    name: 'due index of pending messages only',
    // Only queued and sending messages are ever due: a message sent, failed or given up (the capture
    // channel's are stored sent) no longer costs a write in this index, nor space in it.
    sql: `
      DROP INDEX messages_due;
      CREATE INDEX messages_due ON messages(status, next_attempt_at) WHERE status IN ('queued', 'sending');
    `,
  },
  {
    version: 10,
    name: 'codes without an expiry index',
    // Every code issued moved its entry in this index (a page written for it besides the code's own
    // row), for a purge that runs every ten minutes: the purge now goes through the table in slices.
    sql: `
      DROP INDEX IF EXISTS codes_by_expiry;
    `,
  },
  outboxNumbering,
  lockoutsTable,
  rateWindowsTable,
  compactLockouts,
  compactWindows,
  devices,
  passkeysTable,
  oauthResources,
  identityProviders,
  refreshTokenScopes,
  uiCustomizations,
  importJobsTables,
  threatProtection,
  clientSecrets,
  managedLogin,
  consoleSessions,
];
