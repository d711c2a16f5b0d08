import type { ImportJobRecord } from '../../domain/import-job.ts';

/** Where a job's CSV is PUT: served by Cognate itself (protocol/routes/import-upload.ts). */
export const uploadPath = (jobId: string) => `/_cognate/import-jobs/${jobId}/csv`;

/**
 * The job's pre-signed URL: the upload path on the server's public base, with the job's token and
 * the second it stops working, as an S3 URL carries its signature and expiry.
 */
export function preSignedUrl(base: string, job: Pick<ImportJobRecord, 'jobId' | 'uploadToken' | 'uploadExpiresAt'>): string {
  const query = new URLSearchParams({ token: job.uploadToken, expires: String(Math.floor(job.uploadExpiresAt / 1000)) });
  return `${base.replace(/\/$/, '')}${uploadPath(job.jobId)}?${query}`;
}
