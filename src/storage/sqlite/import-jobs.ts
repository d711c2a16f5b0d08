import { decodeCursor } from '../shared/cursor.ts';
import { BEFORE_ALL, importJobDocument, importJobFromRow, importLogFromRow } from '../shared/import-rows.ts';
import { StoreConflict } from '../repositories/conflicts.ts';
import type { ImportJobRepository } from '../repositories/import-jobs.ts';
import { afterSeq, buf, isUniqueViolation, page, type Exec, type Row, type Statements } from './statements.ts';

const UNFINISHED = "('Created', 'Pending', 'InProgress', 'Stopping')";

export function importJobs(sql: Statements, exec: Exec): ImportJobRepository {
  return {
    create: (j) =>
      exec(() => {
        try {
          sql.get('INSERT INTO import_jobs (job_id, pool_id, status, created_at, lease_until, record) VALUES (?, ?, ?, ?, ?, ?)')
            .run(j.jobId, j.poolId, j.status, j.createdAt, j.leaseUntil, importJobDocument(j));
        } catch (e) {
          if (isUniqueViolation(e)) throw new StoreConflict(`import job ${j.jobId} exists`);
          throw e;
        }
      }),
    get: (poolId, jobId) =>
      exec(() => {
        const r = sql.get('SELECT * FROM import_jobs WHERE job_id = ? AND pool_id = ?').get(jobId, poolId) as Row | undefined;
        return r && importJobFromRow(r);
      }),
    find: (jobId) =>
      exec(() => {
        const r = sql.get('SELECT * FROM import_jobs WHERE job_id = ?').get(jobId) as Row | undefined;
        return r && importJobFromRow(r);
      }),
    update: (j) =>
      exec(() => sql.get('UPDATE import_jobs SET status = ?, lease_until = ?, record = ? WHERE job_id = ?').run(j.status, j.leaseUntil, importJobDocument(j), j.jobId).changes > 0),
    list: (poolId, p) =>
      exec(() => {
        const before = p.after === undefined ? BEFORE_ALL : decodeCursor(p.after);
        return page(sql.get('SELECT * FROM import_jobs WHERE pool_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?').all(poolId, before, p.limit + 1) as Row[], p.limit, importJobFromRow);
      }),
    countUnfinished: (poolId) =>
      exec(() => Number((sql.get(`SELECT COUNT(*) AS n FROM import_jobs WHERE pool_id = ? AND status IN ${UNFINISHED}`).get(poolId) as Row).n)),
    due: (now, limit) =>
      exec(() =>
        (sql.get("SELECT * FROM import_jobs WHERE status IN ('Pending', 'InProgress', 'Stopping') AND (lease_until IS NULL OR lease_until < ?) ORDER BY seq LIMIT ?")
          .all(now, limit) as Row[]).map(importJobFromRow),
      ),
    unstartedBefore: (before, limit) =>
      exec(() => (sql.get("SELECT * FROM import_jobs WHERE status = 'Created' AND created_at < ? ORDER BY seq LIMIT ?").all(before, limit) as Row[]).map(importJobFromRow)),
    putChunk: (jobId, uploadId, seq, data) =>
      exec(() => {
        sql.get('INSERT OR REPLACE INTO import_job_chunks (job_id, upload_id, seq, data) VALUES (?, ?, ?, ?)').run(jobId, uploadId, seq, data);
      }),
    chunk: (jobId, uploadId, seq) =>
      exec(() => {
        const r = sql.get('SELECT data FROM import_job_chunks WHERE job_id = ? AND upload_id = ? AND seq = ?').get(jobId, uploadId, seq) as Row | undefined;
        return r && buf(r.data);
      }),
    deleteChunks: (jobId, which) =>
      exec(() => {
        if ('only' in which) sql.get('DELETE FROM import_job_chunks WHERE job_id = ? AND upload_id = ?').run(jobId, which.only);
        else sql.get('DELETE FROM import_job_chunks WHERE job_id = ? AND upload_id IS NOT ?').run(jobId, which.except);
      }),
    appendLog: (jobId, lines) =>
      exec(() => {
        let seq = Number((sql.get('SELECT COALESCE(MAX(seq), 0) AS n FROM import_job_log WHERE job_id = ?').get(jobId) as Row).n);
        const insert = sql.get('INSERT INTO import_job_log (job_id, seq, at, message) VALUES (?, ?, ?, ?)');
        for (const l of lines) insert.run(jobId, ++seq, l.at, l.message);
      }),
    log: (jobId, p) =>
      exec(() => page(sql.get('SELECT * FROM import_job_log WHERE job_id = ? AND seq > ? ORDER BY seq LIMIT ?').all(jobId, afterSeq(p), p.limit + 1) as Row[], p.limit, importLogFromRow)),
  };
}
