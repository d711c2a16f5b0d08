/** A user import job (CreateUserImportJob … StartUserImportJob): the record the store keeps, and how it is described. */
import type { UserImportJobType } from '@aws-sdk/client-cognito-identity-provider';
import type { PoolConfig } from './pool.ts';
import { compact, epochSeconds, type Wire } from './wire.ts';

export type ImportJobStatus = 'Created' | 'Pending' | 'InProgress' | 'Stopping' | 'Expired' | 'Stopped' | 'Failed' | 'Succeeded';

/** Statuses a job never leaves. */
export const FINISHED: readonly ImportJobStatus[] = ['Expired', 'Stopped', 'Failed', 'Succeeded'];
/** Statuses the runner works on: started and not yet finished. */
export const RUNNABLE: readonly ImportJobStatus[] = ['Pending', 'InProgress', 'Stopping'];

/** The CSV as uploaded through the pre-signed URL: its chunks are stored under `id`. */
export interface ImportUpload {
  id: string;
  bytes: number;
}

export interface ImportJobRecord {
  poolId: string;
  jobId: string;
  jobName: string;
  cloudWatchLogsRoleArn: string;
  status: ImportJobStatus;
  createdAt: number;
  startedAt: number | null;
  completedAt: number | null;
  imported: number;
  skipped: number;
  failed: number;
  completionMessage: string | null;
  /** The secret the pre-signed URL carries; whoever holds it may upload this job's CSV until uploadExpiresAt. */
  uploadToken: string;
  uploadExpiresAt: number;
  upload: ImportUpload | null;
  /** Data rows already counted (imported, skipped or failed): where a resumed job goes on from. */
  rowsDone: number;
  /** A runner holds the job until then; another instance takes it over once it passes (the holder died). */
  leaseUntil: number | null;
}

/** AWS's pre-signed URL says X-Amz-Expires=899 (ListUserImportJobs' example in the API reference). */
export const UPLOAD_URL_VALIDITY_MS = 899_000;
/** AWS expires a job not started within 24-48 hours (UserImportJobType's Status); Cognate at 24. */
export const UNSTARTED_JOB_LIFETIME_MS = 24 * 3_600_000;
/** The 100 MB AWS allows an import CSV; configurable (importMaxBytes). */
export const DEFAULT_IMPORT_MAX_BYTES = 100 * 1024 * 1024;

/** AWS's completion messages, as its API reference's examples show them. */
export const COMPLETION = {
  succeeded: 'Import Job Completed Successfully.',
  stopped: 'The Import Job was stopped by the developer.',
  expired: 'The user import job has expired.',
  tooManyFailures: 'Too many users have failed or been skipped during the import.',
  // Cognate's own wording for the cases AWS's guide names without a message.
  noFile: 'No CSV file was uploaded for the import job.',
  unparsable: 'The CSV file could not be parsed.',
  badHeader: 'The CSV header does not match the user pool schema.',
  poolDeleted: 'The user pool was deleted.',
  interrupted: 'The import job was interrupted.',
} as const;

/** The job as the API answers it; `url` is its pre-signed upload URL. */
export function describeImportJob(j: ImportJobRecord, url: string): Wire<UserImportJobType> {
  return compact({
    JobName: j.jobName,
    JobId: j.jobId,
    UserPoolId: j.poolId,
    PreSignedUrl: url,
    CreationDate: epochSeconds(j.createdAt),
    StartDate: j.startedAt === null ? undefined : epochSeconds(j.startedAt),
    CompletionDate: j.completedAt === null ? undefined : epochSeconds(j.completedAt),
    Status: j.status,
    CloudWatchLogsRoleArn: j.cloudWatchLogsRoleArn,
    ImportedUsers: j.imported,
    SkippedUsers: j.skipped,
    FailedUsers: j.failed,
    CompletionMessage: j.completionMessage ?? undefined,
  });
}

/**
 * GetCSVHeader's columns: the pool's attributes but `sub`, in schema order (custom ones included),
 * then cognito:mfa_enabled and cognito:username, as the developer guide's sample answer lists them.
 */
export function csvHeader(pool: PoolConfig): string[] {
  const names = (pool.SchemaAttributes ?? []).map((a) => a.Name!).filter((n) => n !== 'sub' && n !== 'identities');
  return [...names, 'cognito:mfa_enabled', 'cognito:username'];
}

/**
 * The outcome once every row is counted. AWS's example of a Failed job imported no one and failed
 * one user ("Too many users have failed or been skipped"); it publishes no threshold, so Cognate
 * fails a job that imported no one while some rows failed or were skipped.
 */
export function finalOutcome(j: Pick<ImportJobRecord, 'imported' | 'skipped' | 'failed'>): { status: ImportJobStatus; message: string } {
  if (j.imported === 0 && j.skipped + j.failed > 0) return { status: 'Failed', message: COMPLETION.tooManyFailures };
  return { status: 'Succeeded', message: COMPLETION.succeeded };
}
