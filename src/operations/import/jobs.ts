import { describeImportJob, type ImportJobRecord } from '../../domain/import-job.ts';
import { importJobNotFound } from '../../errors/index.ts';
import type { Deps } from '../../services/deps.ts';
import { preSignedUrl } from '../../services/import/url.ts';
import type { Repositories } from '../../storage/store.ts';

/** The pool's job, or the error every import operation answers for a job it does not have. */
export async function requireJob(repos: Pick<Repositories, 'importJobs'>, poolId: string, jobId: string): Promise<ImportJobRecord> {
  const job = await repos.importJobs.get(poolId, jobId);
  if (!job) throw importJobNotFound(jobId);
  return job;
}

/** The job as answered, its pre-signed URL on the server's public base. */
export const describe = (deps: Pick<Deps, 'tokens'>, job: ImportJobRecord) => describeImportJob(job, preSignedUrl(deps.tokens.endpointBase(), job));
