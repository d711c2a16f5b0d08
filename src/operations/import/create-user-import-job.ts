import type { CreateUserImportJobRequest, CreateUserImportJobResponse } from '@aws-sdk/client-cognito-identity-provider';
import { UPLOAD_URL_VALIDITY_MS, type ImportJobRecord } from '../../domain/import-job.ts';
import type { Wire } from '../../domain/wire.ts';
import { importJobLimitReached } from '../../errors/index.ts';
import { randomString } from '../../ground/ids.ts';
import { requirePool } from '../../services/directory/pools.ts';
import { poolOperation } from '../operation.ts';
import { describe } from './jobs.ts';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/**
 * Each unfinished job may hold a CSV of up to importMaxBytes until it expires: the bound on what
 * one pool's credentials can make the server store. AWS publishes no such limit; Cognate's own.
 */
export const UNFINISHED_JOBS_PER_POOL = 10;

/** A job in Created, with the URL its CSV is PUT to (valid 899 seconds, as AWS's). */
export default poolOperation<CreateUserImportJobRequest, Wire<CreateUserImportJobResponse>, 'store' | 'clock' | 'random' | 'tokens'>(
  'CreateUserImportJob',
  async (deps, input, ctx) => {
    const now = deps.clock.now();
    const job: ImportJobRecord = {
      poolId: ctx.pool.id,
      // AWS's ids: import- and ten letters and digits (import-mAgUtd8PMm in the API reference).
      jobId: `import-${randomString(deps.random, ALNUM, 10)}`,
      jobName: input.JobName!,
      cloudWatchLogsRoleArn: input.CloudWatchLogsRoleArn!,
      status: 'Created',
      createdAt: now,
      startedAt: null,
      completedAt: null,
      imported: 0,
      skipped: 0,
      failed: 0,
      completionMessage: null,
      uploadToken: randomString(deps.random, ALNUM, 43),
      uploadExpiresAt: now + UPLOAD_URL_VALIDITY_MS,
      upload: null,
      rowsDone: 0,
      leaseUntil: null,
    };
    await deps.store.transaction(async (tx) => {
      await requirePool(tx, ctx.pool.id);
      if ((await tx.importJobs.countUnfinished(ctx.pool.id)) >= UNFINISHED_JOBS_PER_POOL) throw importJobLimitReached(UNFINISHED_JOBS_PER_POOL);
      await tx.importJobs.create(job);
    });
    return { UserImportJob: describe(deps, job) };
  },
);
