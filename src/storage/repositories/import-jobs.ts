import type { ImportJobRecord } from '../../domain/import-job.ts';
import type { Page, PageRequest } from './paging.ts';

/** One line of a job's log, as CloudWatch Logs would hold it. */
export interface ImportLogLine {
  at: number;
  message: string;
}

/**
 * Pools' user import jobs, with the CSV each was given (in chunks, so that neither the upload nor
 * the import holds a whole file in memory) and each job's log. All go with their pool.
 */
export interface ImportJobRepository {
  /** Job ids are unique on the server (the upload URL names no pool). */
  create(job: ImportJobRecord): Promise<void>;
  get(poolId: string, jobId: string): Promise<ImportJobRecord | undefined>;
  /** By id alone, for the upload URL. */
  find(jobId: string): Promise<ImportJobRecord | undefined>;
  /** Replaces everything but the ids and the creation date; false if the job is gone. */
  update(job: ImportJobRecord): Promise<boolean>;
  /** Newest first, as ListUserImportJobs answers. */
  list(poolId: string, page: PageRequest): Promise<Page<ImportJobRecord>>;
  /** The pool's jobs not in a final status. */
  countUnfinished(poolId: string): Promise<number>;
  /** Started, unfinished jobs no runner holds (lease absent or past `now`), oldest first. */
  due(now: number, limit: number): Promise<ImportJobRecord[]>;
  /** Jobs still Created that were created before `before`. */
  unstartedBefore(before: number, limit: number): Promise<ImportJobRecord[]>;
  putChunk(jobId: string, uploadId: string, seq: number, data: Uint8Array): Promise<void>;
  chunk(jobId: string, uploadId: string, seq: number): Promise<Uint8Array | undefined>;
  /** Deletes the job's chunks: of one upload, or of every upload but `except`. */
  deleteChunks(jobId: string, which: { only: string } | { except: string | null }): Promise<void>;
  appendLog(jobId: string, lines: ImportLogLine[]): Promise<void>;
  /** In the order written. */
  log(jobId: string, page: PageRequest): Promise<Page<ImportLogLine>>;
}
