import type { Migration } from '../shared/migration.ts';

/** Migration 14 (issue 21): user pool domains and resource servers, as SQLite's migration 18. */
export const oauthMigrations: Migration[] = [
  {
    version: 14,
    name: 'user pool domains and resource servers',
    // A domain name is the server's once, whichever pool holds it; a pool has one domain of each kind.
    // Scopes are a JSON list: they are always read and replaced whole.
    sql: `
      CREATE TABLE pool_domains (
        domain TEXT COLLATE "C" PRIMARY KEY,
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        certificate_arn TEXT,
        managed_login_version INTEGER NOT NULL,
        cloud_front TEXT NOT NULL,
        last_modified_at BIGINT NOT NULL,
        UNIQUE (pool_id, kind)
      );
      CREATE TABLE resource_servers (
        seq BIGSERIAL PRIMARY KEY,
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        identifier TEXT COLLATE "C" NOT NULL,
        name TEXT NOT NULL,
        scopes TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        UNIQUE (pool_id, identifier)
      );
    `,
  },
];
