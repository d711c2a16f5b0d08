import type { StartUserImportJobRequest, StartUserImportJobResponse } from '@aws-sdk/client-cognito-identity-provider';
import { poolCannotImport } from '../../domain/import-row.ts';
import type { Wire } from '../../domain/wire.ts';
import { importJobNotStartable, importNeedsAutoVerification } from '../../errors/index.ts';
import { poolOperation } from '../operation.ts';
import { describe, requireJob } from './jobs.ts';

/** Created → Pending (AWS's example answers Pending); the runner takes it to InProgress in the background. */
export default poolOperation<StartUserImportJobRequest, Wire<StartUserImportJobResponse>, 'store' | 'clock' | 'tokens' | 'imports'>(
  'StartUserImportJob',
  async (deps, input, ctx) => {
    const job = await deps.store.transaction(async (tx) => {
      const current = await requireJob(tx, ctx.pool.id, input.JobId!);
      if (current.status !== 'Created') throw importJobNotStartable(current.jobId, current.status);
      if (poolCannotImport(ctx.pool.config)) throw importNeedsAutoVerification();
      const started = { ...current, status: 'Pending' as const, startedAt: deps.clock.now() };
      await tx.importJobs.update(started);
      return started;
    });
    deps.imports.wake();
    return { UserImportJob: describe(deps, job) };
  },
);
