import type { Migration } from '../shared/migration.ts';

/** Migration 18 (issue 22): user import jobs, their CSV chunks and their logs, as SQLite's migration 22. */
export const importMigrations: Migration[] = [
  {
    version: 18,
    name: 'user import jobs',
    sql: `
      CREATE TABLE import_jobs (
        seq BIGSERIAL PRIMARY KEY,
        job_id TEXT COLLATE "C" NOT NULL UNIQUE,
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        status TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        lease_until BIGINT,
        record TEXT NOT NULL
      );
      CREATE INDEX import_jobs_by_pool ON import_jobs(pool_id, seq);
      CREATE INDEX import_jobs_unfinished ON import_jobs(status, seq) WHERE status IN ('Created', 'Pending', 'InProgress', 'Stopping');
      CREATE TABLE import_job_chunks (
        job_id TEXT COLLATE "C" NOT NULL REFERENCES import_jobs(job_id) ON DELETE CASCADE,
        upload_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        data BYTEA NOT NULL,
        PRIMARY KEY (job_id, upload_id, seq)
      );
      CREATE TABLE import_job_log (
        job_id TEXT COLLATE "C" NOT NULL REFERENCES import_jobs(job_id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        at BIGINT NOT NULL,
        message TEXT NOT NULL,
        PRIMARY KEY (job_id, seq)
      );
    `,
  },
];
