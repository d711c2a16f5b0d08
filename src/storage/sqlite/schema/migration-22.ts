import type { DatabaseSync } from 'node:sqlite';
import type { Migration } from '../../shared/migration.ts';

/**
 * Migration 22 (issue 22): user import jobs, the CSV each was given (in chunks of about a megabyte,
 * under the upload that wrote them, so that a second upload replaces the first whole) and each
 * job's log lines. All go with their pool.
 */
export const importJobsTables: Migration<DatabaseSync> = {
  version: 22,
  name: 'user import jobs',
  sql: `
    CREATE TABLE import_jobs (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      job_id TEXT NOT NULL UNIQUE,
      pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
      status TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      lease_until INTEGER,
      record TEXT NOT NULL
    );
    CREATE INDEX import_jobs_by_pool ON import_jobs(pool_id, seq);
    CREATE INDEX import_jobs_unfinished ON import_jobs(status, seq) WHERE status IN ('Created', 'Pending', 'InProgress', 'Stopping');
    CREATE TABLE import_job_chunks (
      job_id TEXT NOT NULL REFERENCES import_jobs(job_id) ON DELETE CASCADE,
      upload_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      data BLOB NOT NULL,
      PRIMARY KEY (job_id, upload_id, seq)
    );
    CREATE TABLE import_job_log (
      job_id TEXT NOT NULL REFERENCES import_jobs(job_id) ON DELETE CASCADE,
      seq INTEGER NOT NULL,
      at INTEGER NOT NULL,
      message TEXT NOT NULL,
      PRIMARY KEY (job_id, seq)
    );
  `,
};
