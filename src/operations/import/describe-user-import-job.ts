import type { DescribeUserImportJobRequest, DescribeUserImportJobResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { Wire } from '../../domain/wire.ts';
import { poolOperation } from '../operation.ts';
import { describe, requireJob } from './jobs.ts';

export default poolOperation<DescribeUserImportJobRequest, Wire<DescribeUserImportJobResponse>, 'store' | 'tokens'>('DescribeUserImportJob', async (deps, input, ctx) => ({
  UserImportJob: describe(deps, await requireJob(deps.store, ctx.pool.id, input.JobId!)),
}));
