import type { ListUserImportJobsRequest, ListUserImportJobsResponse } from '@aws-sdk/client-cognito-identity-provider';
import { compact, type Wire } from '../../domain/wire.ts';
import { listPage } from '../../services/directory/paging.ts';
import { poolOperation } from '../operation.ts';
import { describe } from './jobs.ts';

/** Newest first (the API reference's example lists its jobs so), MaxResults (the model's 1-60) a page. */
export default poolOperation<ListUserImportJobsRequest, Wire<ListUserImportJobsResponse>, 'store' | 'tokens'>('ListUserImportJobs', async (deps, input, ctx) => {
  const page = await listPage({ limit: input.MaxResults!, after: input.PaginationToken }, (p) => deps.store.importJobs.list(ctx.pool.id, p));
  return compact({ UserImportJobs: page.items.map((j) => describe(deps, j)), PaginationToken: page.next });
});
