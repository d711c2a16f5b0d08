import type { DatabaseSync } from 'node:sqlite';
import type { Migration } from '../../shared/migration.ts';

/**
 * Migration 23 (issue 22, threat protection): users' auth events, newest read first, and the
 * risk configurations of pools ('' as client_id) and app clients. PostgreSQL's 19 is the same.
 */
export const threatProtection: Migration<DatabaseSync> = {
  version: 23,
  name: 'auth events and risk configurations',
  sql: `
    CREATE TABLE auth_events (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      pool_id TEXT NOT NULL,
      sub TEXT NOT NULL,
      event_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      response TEXT NOT NULL,
      decision TEXT NOT NULL,
      level TEXT,
      compromised INTEGER NOT NULL,
      challenges TEXT NOT NULL,
      ip TEXT NOT NULL,
      device TEXT NOT NULL,
      feedback_token_hash TEXT,
      feedback_value TEXT,
      feedback_provider TEXT,
      feedback_at INTEGER,
      UNIQUE (pool_id, sub, event_id),
      FOREIGN KEY (pool_id, sub) REFERENCES users(pool_id, sub) ON DELETE CASCADE
    );
    CREATE INDEX auth_events_by_user ON auth_events(pool_id, sub, seq);
    CREATE TABLE risk_configurations (
      pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
      client_id TEXT NOT NULL,
      config TEXT NOT NULL,
      last_modified_at INTEGER NOT NULL,
      PRIMARY KEY (pool_id, client_id)
    );
  `,
};
