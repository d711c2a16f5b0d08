import type { Migration } from '../shared/migration.ts';

/** Migration 19 (issue 22, threat protection): auth events and risk configurations, as SQLite's 23. */
export const threatProtectionMigrations: Migration[] = [
  {
    version: 19,
    name: 'auth events and risk configurations',
    sql: `
      CREATE TABLE auth_events (
        seq BIGSERIAL PRIMARY KEY,
        pool_id TEXT NOT NULL,
        sub TEXT NOT NULL,
        event_id TEXT COLLATE "C" NOT NULL,
        kind TEXT NOT NULL,
        created_at BIGINT NOT NULL,
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
      feedback_at BIGINT,
        UNIQUE (pool_id, sub, event_id),
        FOREIGN KEY (pool_id, sub) REFERENCES users(pool_id, sub) ON DELETE CASCADE
      );
      CREATE INDEX auth_events_by_user ON auth_events(pool_id, sub, seq);
      CREATE TABLE risk_configurations (
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        client_id TEXT COLLATE "C" NOT NULL,
        config TEXT NOT NULL,
        last_modified_at BIGINT NOT NULL,
        PRIMARY KEY (pool_id, client_id)
      );
    `,
  },
];
