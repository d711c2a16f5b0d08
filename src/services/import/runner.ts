/**
 * Runs started import jobs in the background, one at a time per instance. A job is taken under a
 * lease in the store, renewed by every batch: instances sharing a database never run one job twice,
 * and a job whose instance died (its lease lapsed) is taken over and resumed from its last commit.
 * On a clean shutdown the lease is handed back, so the next start resumes the job at once.
 */
import type { FastifyBaseLogger } from 'fastify';
import { COMPLETION, RUNNABLE, UNSTARTED_JOB_LIFETIME_MS, type ImportJobRecord } from '../../domain/import-job.ts';
import { finishJob, runJob, type RunDeps } from './import-run.ts';

export interface ImportRunnerOptions {
  pollMs?: number;
  batchSize?: number;
  leaseMs?: number;
}

export class ImportRunner {
  readonly #deps: RunDeps;
  readonly #log: FastifyBaseLogger;
  readonly #pollMs: number;
  readonly #batchSize: number;
  readonly #leaseMs: number;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #closing = false;
  #lastExpirySweep = 0;

  constructor(deps: RunDeps, log: FastifyBaseLogger, options: ImportRunnerOptions = {}) {
    this.#deps = deps;
    this.#log = log;
    this.#pollMs = options.pollMs ?? 1000;
    this.#batchSize = options.batchSize ?? 25;
    this.#leaseMs = options.leaseMs ?? 30_000;
  }

  start(): void {
    this.#closing = false;
    this.#timer = setInterval(() => this.wake(), this.#pollMs);
    this.#timer.unref();
    this.wake();
  }

  /** Looks for work now (a job was just started here) rather than at the next poll. */
  wake(): void {
    if (this.#closing) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#work()
      .catch((e) => this.#log.error({ err: e }, 'import jobs: a run failed; the job is taken up again once its lease lapses'))
      .finally(() => {
        this.#running = null;
        if (this.#again) {
          this.#again = false;
          this.wake();
        }
      });
  }

  async stop(): Promise<void> {
    this.#closing = true;
    if (this.#timer) clearInterval(this.#timer);
    await this.#running;
  }

  async #work(): Promise<void> {
    await this.#expireUnstarted();
    const { store } = this.#deps;
    for (;;) {
      if (this.#closing) return;
      const [candidate] = await store.importJobs.due(this.#deps.clock.now(), 1);
      if (!candidate) return;
      const job = await this.#claim(candidate.jobId);
      if (!job) continue;
      this.#log.info({ jobId: job.jobId, userPoolId: job.poolId, resumeAfterRow: job.rowsDone }, 'import job: running');
      // On an error the lease is kept: it lapses, and the job is tried again then, not in a tight loop.
      await runJob(this.#deps, job, { batchSize: this.#batchSize, leaseMs: this.#leaseMs, closing: () => this.#closing });
      await this.#release(job.jobId);
      const after = await store.importJobs.find(job.jobId);
      if (after) this.#log.info({ jobId: after.jobId, status: after.status, imported: after.imported, skipped: after.skipped, failed: after.failed }, 'import job: ended its run');
    }
  }

  /** Takes the job if it is still due: Pending becomes InProgress; a job stopped before it ran ends here. */
  async #claim(jobId: string): Promise<ImportJobRecord | undefined> {
    const { store, clock } = this.#deps;
    const claimed = await store.transaction(async (tx) => {
      const job = await tx.importJobs.find(jobId);
      const now = clock.now();
      if (!job || !RUNNABLE.includes(job.status) || (job.leaseUntil !== null && job.leaseUntil >= now)) return undefined;
      const next: ImportJobRecord = { ...job, status: job.status === 'Pending' ? 'InProgress' : job.status, leaseUntil: now + this.#leaseMs };
      await tx.importJobs.update(next);
      return next;
    });
    if (claimed?.status === 'Stopping') {
      await finishJob(store, clock, jobId, 'Stopped', COMPLETION.stopped);
      return undefined;
    }
    return claimed;
  }

  /** Hands the lease back (a job still running is then taken up at once, here or by another instance). */
  async #release(jobId: string): Promise<void> {
    await this.#deps.store.transaction(async (tx) => {
      const job = await tx.importJobs.find(jobId);
      if (job && job.leaseUntil !== null) await tx.importJobs.update({ ...job, leaseUntil: null });
    });
  }

  /** Jobs created and never started expire, their CSV deleted (as AWS's do after 24-48 hours). At most once a minute. */
  async #expireUnstarted(): Promise<void> {
    const { store, clock } = this.#deps;
    const now = clock.now();
    if (now - this.#lastExpirySweep < 60_000) return;
    this.#lastExpirySweep = now;
    for (const job of await store.importJobs.unstartedBefore(now - UNSTARTED_JOB_LIFETIME_MS, 100)) {
      await finishJob(store, clock, job.jobId, 'Expired', COMPLETION.expired);
    }
  }
}
