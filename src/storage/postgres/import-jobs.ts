import { decodeCursor } from '../shared/cursor.ts';
import { BEFORE_ALL, importJobDocument, importJobFromRow, importLogFromRow } from '../shared/import-rows.ts';
import { afterSeq, buf, page } from '../shared/rows.ts';
import { StoreConflict } from '../repositories/conflicts.ts';
import type { ImportJobRepository } from '../repositories/import-jobs.ts';
import type { Db } from './db.ts';

export function importJobs(db: Db): ImportJobRepository {
  return {
    create: async (j) => {
      const n = await db.run('INSERT INTO import_jobs (job_id, pool_id, status, created_at, lease_until, record) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING',
        [j.jobId, j.poolId, j.status, j.createdAt, j.leaseUntil, importJobDocument(j)]);
      if (n === 0) throw new StoreConflict(`import job ${j.jobId} exists`);
    },
    get: async (poolId, jobId) => {
      const r = await db.one(`SELECT * FROM import_jobs WHERE job_id = $1 AND pool_id = $2${db.lock}`, [jobId, poolId]);
      return r && importJobFromRow(r);
    },
    find: async (jobId) => {
      const r = await db.one(`SELECT * FROM import_jobs WHERE job_id = $1${db.lock}`, [jobId]);
      return r && importJobFromRow(r);
    },
    update: async (j) =>
      (await db.run('UPDATE import_jobs SET status = $1, lease_until = $2, record = $3 WHERE job_id = $4', [j.status, j.leaseUntil, importJobDocument(j), j.jobId])) > 0,
    list: async (poolId, p) => {
      const before = p.after === undefined ? BEFORE_ALL : decodeCursor(p.after);
      return page(await db.rows('SELECT * FROM import_jobs WHERE pool_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3', [poolId, before, p.limit + 1]), p.limit, importJobFromRow);
    },
    countUnfinished: async (poolId) =>
      Number((await db.one("SELECT COUNT(*) AS n FROM import_jobs WHERE pool_id = $1 AND status IN ('Created', 'Pending', 'InProgress', 'Stopping')", [poolId]))!.n),
    due: async (now, limit) =>
      (await db.rows("SELECT * FROM import_jobs WHERE status IN ('Pending', 'InProgress', 'Stopping') AND (lease_until IS NULL OR lease_until < $1) ORDER BY seq LIMIT $2", [now, limit]))
        .map(importJobFromRow),
    unstartedBefore: async (before, limit) =>
      (await db.rows("SELECT * FROM import_jobs WHERE status = 'Created' AND created_at < $1 ORDER BY seq LIMIT $2", [before, limit])).map(importJobFromRow),
    putChunk: async (jobId, uploadId, seq, data) => {
      await db.run('INSERT INTO import_job_chunks (job_id, upload_id, seq, data) VALUES ($1, $2, $3, $4) ON CONFLICT (job_id, upload_id, seq) DO UPDATE SET data = EXCLUDED.data',
        [jobId, uploadId, seq, Buffer.from(data)]);
    },
    chunk: async (jobId, uploadId, seq) => {
      const r = await db.one('SELECT data FROM import_job_chunks WHERE job_id = $1 AND upload_id = $2 AND seq = $3', [jobId, uploadId, seq]);
      return r && buf(r.data);
    },
    deleteChunks: async (jobId, which) => {
      if ('only' in which) await db.run('DELETE FROM import_job_chunks WHERE job_id = $1 AND upload_id = $2', [jobId, which.only]);
      else await db.run('DELETE FROM import_job_chunks WHERE job_id = $1 AND upload_id IS DISTINCT FROM $2', [jobId, which.except]);
    },
    appendLog: async (jobId, lines) => {
      if (!lines.length) return;
      // One statement: the next numbers follow the job's last line (the job's row, locked by its runner, keeps writers apart).
      await db.run(`INSERT INTO import_job_log (job_id, seq, at, message)
                    SELECT $1, COALESCE((SELECT MAX(seq) FROM import_job_log WHERE job_id = $1), 0) + n, at, message
                    FROM unnest($2::bigint[], $3::text[]) WITH ORDINALITY AS l(at, message, n)`,
        [jobId, lines.map((l) => l.at), lines.map((l) => l.message)]);
    },
    log: async (jobId, p) =>
      page(await db.rows('SELECT * FROM import_job_log WHERE job_id = $1 AND seq > $2 ORDER BY seq LIMIT $3', [jobId, afterSeq(p), p.limit + 1]), p.limit, importLogFromRow),
  };
}
