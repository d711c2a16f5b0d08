import type { ImportJobRecord, ImportJobStatus } from '../../domain/import-job.ts';
import type { ImportLogLine } from '../repositories/import-jobs.ts';
import type { Row } from './rows.ts';

/**
 * A job is stored as a few columns the store searches on (status, lease, creation) and the rest as
 * one JSON document, read and replaced whole.
 */
type Document = Omit<ImportJobRecord, 'poolId' | 'jobId' | 'status' | 'createdAt' | 'leaseUntil'>;

export function importJobDocument(j: ImportJobRecord): string {
  const { poolId: _p, jobId: _j, status: _s, createdAt: _c, leaseUntil: _l, ...rest } = j;
  return JSON.stringify(rest satisfies Document);
}

export function importJobFromRow(r: Row): ImportJobRecord {
  const doc = JSON.parse(r.record as string) as Document;
  return {
    ...doc,
    poolId: r.pool_id as string,
    jobId: r.job_id as string,
    status: r.status as ImportJobStatus,
    createdAt: Number(r.created_at),
    leaseUntil: r.lease_until === null || r.lease_until === undefined ? null : Number(r.lease_until),
  };
}

export const importLogFromRow = (r: Row): ImportLogLine => ({ at: Number(r.at), message: r.message as string });

/** Newest-first listings page downwards from the largest sequence number. */
export const BEFORE_ALL = Number.MAX_SAFE_INTEGER;
