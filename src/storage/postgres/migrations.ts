/**
 * The SQLite migrations (../sqlite/schema/migrations.ts) in PostgreSQL's dialect, with the same numbers:
 * BIGINT for epoch milliseconds, BIGSERIAL for sequence numbers, BYTEA for blobs, DOUBLE PRECISION
 * for reals, and the "C" collation wherever text is ordered or compared by range (ListUsers
 * prefixes, group names, periods), so that order is by code point as in SQLite.
 * Never edit a migration that has shipped: add the next number.
 */
import { threatProtectionMigrations } from './migrations-threat.ts';
import type { Migration } from '../shared/migration.ts';
import { clientSecretMigrations } from './migrations-client-secrets.ts';
import { managedLoginMigrations } from './migrations-managed-login.ts';
import { consoleMigrations } from './migrations-console.ts';
import { counterMigrations } from './migrations-counters.ts';
import { identityProviderMigrations } from './migrations-identity-providers.ts';
import { importMigrations } from './migrations-import.ts';
import { passkeyMigrations } from './migrations-passkeys.ts';
import { oauthMigrations } from './migrations-oauth.ts';
import { uiMigrations } from './migrations-ui.ts';

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'pools and app clients',
    sql: `
      CREATE TABLE pools (
        seq BIGSERIAL PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        last_modified_at BIGINT NOT NULL,
        config TEXT NOT NULL
      );
      CREATE TABLE clients (
        seq BIGSERIAL PRIMARY KEY,
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        client_id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        secret TEXT,
        created_at BIGINT NOT NULL,
        last_modified_at BIGINT NOT NULL,
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
        id TEXT COLLATE "C" NOT NULL,
        secret BYTEA NOT NULL,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (purpose, id)
      );
      CREATE TABLE codes (
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL,
        purpose TEXT NOT NULL,
        attribute TEXT NOT NULL,
        hmac BYTEA NOT NULL,
        key_id TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        consumed_at BIGINT,
        invalidated_at BIGINT,
        PRIMARY KEY (pool_id, user_id, purpose, attribute)
      );
      CREATE INDEX codes_by_expiry ON codes(expires_at);
      CREATE TABLE messages (
        seq BIGSERIAL PRIMARY KEY,
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
        code_hmac BYTEA,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        next_attempt_at BIGINT NOT NULL,
        lease_until BIGINT,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        sent_at BIGINT
      );
      CREATE INDEX messages_due ON messages(status, next_attempt_at);
      CREATE INDEX messages_by_pool ON messages(pool_id, seq);
      CREATE TABLE quotas (
        key TEXT NOT NULL,
        period TEXT COLLATE "C" NOT NULL,
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
        seq BIGSERIAL PRIMARY KEY,
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        sub TEXT NOT NULL,
        username TEXT NOT NULL,
        username_key TEXT NOT NULL,
        status TEXT NOT NULL,
        enabled BOOLEAN NOT NULL,
        attributes TEXT NOT NULL,
        pending TEXT NOT NULL,
        password TEXT,
        settings TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        last_modified_at BIGINT NOT NULL,
        version INTEGER NOT NULL,
        CONSTRAINT users_sub_unique UNIQUE (pool_id, sub),
        CONSTRAINT users_username_key_unique UNIQUE (pool_id, username_key)
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
        value TEXT COLLATE "C" NOT NULL,
        seq BIGINT NOT NULL,
        sub TEXT NOT NULL,
        PRIMARY KEY (pool_id, attr, value, seq),
        FOREIGN KEY (pool_id, sub) REFERENCES users(pool_id, sub) ON DELETE CASCADE
      );
      CREATE INDEX user_search_by_user ON user_search(pool_id, sub);
      CREATE TABLE groups (
        seq BIGSERIAL PRIMARY KEY,
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        name TEXT COLLATE "C" NOT NULL,
        description TEXT,
        role_arn TEXT,
        precedence INTEGER,
        created_at BIGINT NOT NULL,
        last_modified_at BIGINT NOT NULL,
        UNIQUE (pool_id, name)
      );
      CREATE TABLE group_members (
        seq BIGSERIAL PRIMARY KEY,
        pool_id TEXT NOT NULL,
        group_name TEXT COLLATE "C" NOT NULL,
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
        seq BIGSERIAL PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        pool_id TEXT NOT NULL,
        trigger_source TEXT NOT NULL,
        function_arn TEXT NOT NULL,
        invoker TEXT NOT NULL,
        started_at BIGINT NOT NULL,
        duration_ms DOUBLE PRECISION NOT NULL,
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
        kid TEXT COLLATE "C" NOT NULL,
        public_jwk TEXT NOT NULL,
        private_key_enc TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        retired_at BIGINT,
        PRIMARY KEY (pool_id, kid)
      );
      CREATE TABLE refresh_tokens (
        hash TEXT PRIMARY KEY,
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        client_id TEXT NOT NULL,
        sub TEXT NOT NULL,
        origin_jti TEXT NOT NULL,
        auth_time BIGINT NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        revoked_at BIGINT
      );
      CREATE INDEX refresh_tokens_by_user ON refresh_tokens(pool_id, sub);
      CREATE TABLE revoked_origins (
        origin_jti TEXT PRIMARY KEY,
        expires_at BIGINT NOT NULL
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
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL
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
        tokens DOUBLE PRECISION NOT NULL,
        updated_at BIGINT NOT NULL
      );
    `,
  },
  {
    version: 8,
    name: 'configuration versions',
    // Bumped by every update of a pool or an app client: a reader that holds the parsed
    // configuration of a version asks for the text only when the version has changed.
    sql: `
      ALTER TABLE pools ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
      ALTER TABLE clients ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
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
  ...counterMigrations,
  ...passkeyMigrations,
  ...oauthMigrations,
  ...identityProviderMigrations,
  ...uiMigrations,
  ...importMigrations,
  ...threatProtectionMigrations,
  ...clientSecretMigrations,
  ...managedLoginMigrations,
  ...consoleMigrations,
];
