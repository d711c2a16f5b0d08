import type { StopUserImportJobRequest, StopUserImportJobResponse } from '@aws-sdk/client-cognito-identity-provider';
import { COMPLETION, type ImportJobRecord } from '../../domain/import-job.ts';
import type { Wire } from '../../domain/wire.ts';
import { importJobNotStoppable } from '../../errors/index.ts';
import { poolOperation } from '../operation.ts';
import { describe, requireJob } from './jobs.ts';

/**
 * A started job stops: at once when no runner holds it (Stopped, AWS's "stopped by the developer"),
 * else Stopping until its runner ends the batch in hand.
 */
export default poolOperation<StopUserImportJobRequest, Wire<StopUserImportJobResponse>, 'store' | 'clock' | 'tokens'>('StopUserImportJob', async (deps, input, ctx) => {
  const job = await deps.store.transaction(async (tx) => {
    const current = await requireJob(tx, ctx.pool.id, input.JobId!);
    if (current.status !== 'Pending' && current.status !== 'InProgress') throw importJobNotStoppable(current.jobId, current.status);
    const now = deps.clock.now();
    const held = current.leaseUntil !== null && current.leaseUntil >= now;
    const next: ImportJobRecord = held
      ? { ...current, status: 'Stopping' }
      : { ...current, status: 'Stopped', completedAt: now, completionMessage: COMPLETION.stopped };
    await tx.importJobs.update(next);
    if (!held) await tx.importJobs.deleteChunks(current.jobId, { except: null });
    return next;
  });
  return { UserImportJob: describe(deps, job) };
});
