/**
 * Running one import job: the CSV streamed from the store, its rows turned into users a batch at a
 * time, each batch one transaction that also counts the rows, logs them and moves the job's resume
 * point, so that a job taken over after a crash goes on exactly where the last commit left it.
 */
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { COMPLETION, finalOutcome, FINISHED, type ImportJobRecord, type ImportJobStatus } from '../../domain/import-job.ts';
import { headerProblem, userFromRow, type RowOutcome } from '../../domain/import-row.ts';
import { newSub } from '../../domain/new-user.ts';
import type { PoolRecord } from '../../domain/pool.ts';
import { userKeys } from '../../domain/user.ts';
import type { Clock } from '../../ground/clock.ts';
import type { Random } from '../../ground/random.ts';
import { UserKeyConflict } from '../../storage/repositories/conflicts.ts';
import type { ImportLogLine } from '../../storage/repositories/import-jobs.ts';
import type { Repositories, Store } from '../../storage/store.ts';
import { keyConflictError } from '../directory/users.ts';
import { csvRecords, type CsvRecord } from './csv-source.ts';

export interface RunDeps {
  store: Store;
  clock: Clock;
  random: Random;
}

export interface RunOptions {
  /** Rows per transaction. */
  batchSize: number;
  leaseMs: number;
  /** Asked between batches: the runner is closing, and leaves the job for the next start. */
  closing: () => boolean;
}

interface Row {
  line: number;
  outcome: RowOutcome;
}

/** How a batch ended: the job goes on, or stopped being this runner's to run. */
type BatchEnd = 'continue' | 'stopped' | 'gone';

/** A reason can echo what the file holds (a column name, a value): cut, so a line stays a line. */
const REASON_MAX = 500;
const logLine = (at: number, tag: 'SUCCEEDED' | 'SKIPPED' | 'FAILED', line: number, text: string): ImportLogLine =>
  ({ at, message: `[${tag}] Line Number ${line} - ${text.length > REASON_MAX ? `${text.slice(0, REASON_MAX)}...` : text}` });
/**
 * The rows whose log lines are kept: a 100 MB file of tiny bad rows would otherwise leave tens of
 * millions of lines in the store. The counts stay exact; past this, one line says the rest were not kept.
 */
export const LOGGED_ROWS_MAX = 10_000;

/** Ends the job (if it is still there and not ended), with a last log line when there is one. */
export async function finishJob(store: Store, clock: Clock, jobId: string, status: ImportJobStatus, message: string, line?: string): Promise<ImportJobRecord | undefined> {
  return store.transaction(async (tx) => {
    const job = await tx.importJobs.find(jobId);
    if (!job || FINISHED.includes(job.status)) return job;
    const now = clock.now();
    const done: ImportJobRecord = { ...job, status, completionMessage: message, completedAt: now, leaseUntil: null };
    await tx.importJobs.update(done);
    if (line) await tx.importJobs.appendLog(jobId, [{ at: now, message: line }]);
    // The CSV has served its purpose: a finished job keeps its counts and log, not the file.
    await tx.importJobs.deleteChunks(jobId, { except: null });
    return done;
  });
}

async function createUsers(tx: Repositories, pool: PoolRecord, rows: Row[], job: ImportJobRecord, now: number): Promise<{ counts: Pick<ImportJobRecord, 'imported' | 'skipped' | 'failed'>; lines: ImportLogLine[] }> {
  const counts = { imported: job.imported, skipped: job.skipped, failed: job.failed };
  const lines: ImportLogLine[] = [];
  for (const { line, outcome } of rows) {
    if (outcome.kind === 'failed') {
      counts.failed++;
      lines.push(logLine(now, 'FAILED', line, outcome.reason));
      continue;
    }
    try {
      await tx.users.create(outcome.user, userKeys(pool.config, outcome.user));
      counts.imported++;
      lines.push(logLine(now, 'SUCCEEDED', line, 'The import succeeded.'));
    } catch (e) {
      if (!(e instanceof UserKeyConflict)) throw e;
      const error = keyConflictError(pool.config, e.kind, 'admin-create');
      // A username taken is the guide's SKIPPED ("The user already exists."); an alias another user holds fails the row.
      if (error.type === 'UsernameExistsException') {
        counts.skipped++;
        lines.push(logLine(now, 'SKIPPED', line, 'The user already exists.'));
      } else {
        counts.failed++;
        lines.push(logLine(now, 'FAILED', line, error.message));
      }
    }
  }
  return { counts, lines };
}

/**
 * Commits one batch, unless the job was stopped or removed meanwhile, or another runner moved it on
 * (this one's lease lapsed during a batch slower than the lease: its rows are that runner's now).
 */
async function commitBatch(deps: RunDeps, pool: PoolRecord, jobId: string, rows: Row[], rowsDone: number, leaseMs: number): Promise<BatchEnd> {
  return deps.store.transaction(async (tx) => {
    const job = await tx.importJobs.find(jobId);
    if (!job || job.rowsDone !== rowsDone) return 'gone';
    if (job.status === 'Stopping') return 'stopped';
    if (job.status !== 'InProgress') return 'gone';
    const now = deps.clock.now();
    const { counts, lines } = await createUsers(tx, pool, rows, job, now);
    await tx.importJobs.update({ ...job, ...counts, rowsDone: job.rowsDone + rows.length, leaseUntil: now + leaseMs });
    const room = Math.max(0, LOGGED_ROWS_MAX - job.rowsDone);
    const kept = lines.slice(0, room);
    if (job.rowsDone <= LOGGED_ROWS_MAX && job.rowsDone + rows.length > LOGGED_ROWS_MAX) kept.push({ at: now, message: `Lines after the first ${LOGGED_ROWS_MAX} rows are not logged; the job's counts include them.` });
    if (kept.length) await tx.importJobs.appendLog(jobId, kept);
    return 'continue';
  });
}

/** Runs a job this runner holds (status InProgress) to its end, or until it is stopped or the runner closes. */
export async function runJob(deps: RunDeps, job: ImportJobRecord, options: RunOptions): Promise<void> {
  const { store, clock } = deps;
  const pool = await store.pools.get(job.poolId);
  if (!pool) return void (await finishJob(store, clock, job.jobId, 'Failed', COMPLETION.poolDeleted));
  if (!job.upload) return void (await finishJob(store, clock, job.jobId, 'Failed', COMPLETION.noFile, '[FAILED] No CSV file was uploaded to the pre-signed URL.'));

  const parser = csvRecords(store.importJobs, job.jobId, job.upload);
  let header: string[] | undefined;
  let seen = 0;
  let committed = job.rowsDone;
  let batch: Row[] = [];
  const flush = async (): Promise<BatchEnd> => {
    if (!batch.length) return 'continue';
    const started = performance.now();
    const end = await commitBatch(deps, pool, job.jobId, batch, committed, options.leaseMs);
    committed += batch.length;
    batch = [];
    // A batch holds the event loop while it runs (SQLite's calls are synchronous): the requests
    // that queued meanwhile get as long again before the next one, so an import takes at most
    // about half the server's time however large it is.
    await nextTurn();
    await sleep(Math.min(50, performance.now() - started));
    return end;
  };
  const halt = async (end: BatchEnd) => {
    parser.destroy();
    if (end === 'stopped') await finishJob(store, clock, job.jobId, 'Stopped', COMPLETION.stopped);
  };
  try {
    for await (const { record, info } of parser as AsyncIterable<CsvRecord>) {
      if (!header) {
        header = record.map((c) => c.trim());
        const problem = headerProblem(pool.config, header);
        if (problem) return void (await finishJob(store, clock, job.jobId, 'Failed', COMPLETION.badHeader, `[FAILED] ${problem}`), parser.destroy());
        continue;
      }
      // Rows a previous run of this job committed are counted already.
      if (++seen <= job.rowsDone) continue;
      batch.push({ line: info.lines, outcome: userFromRow(pool.config, pool.id, header, record, newSub(deps.random), clock.now()) });
      if (batch.length >= options.batchSize) {
        const end = await flush();
        if (end !== 'continue') return void (await halt(end));
        if (options.closing()) return void parser.destroy();
      }
    }
  } catch (e) {
    // A store that failed is not the file's fault: the runner leaves the job, to be taken up again.
    if (!String((e as { code?: unknown }).code ?? '').startsWith('CSV_')) throw e;
    // csv-parse's own errors (an unclosed quote, a record over the size limit) say where; they name no user data.
    const where = (e as { lines?: number }).lines;
    // The rows read before the broken one are imported, as a job that fails midway keeps its earlier users.
    const end = await flush();
    if (end !== 'continue') return void (await halt(end));
    return void (await finishJob(store, clock, job.jobId, 'Failed', COMPLETION.unparsable, `[FAILED] ${where ? `Line Number ${where} - ` : ''}The CSV file could not be parsed.`));
  }
  const end = await flush();
  if (end !== 'continue') return void (await halt(end));
  if (!header) return void (await finishJob(store, clock, job.jobId, 'Failed', COMPLETION.noFile, '[FAILED] The CSV file is empty.'));
  const done = await store.importJobs.find(job.jobId);
  if (!done || done.rowsDone !== committed) return;
  if (done.status === 'Stopping') return void (await finishJob(store, clock, job.jobId, 'Stopped', COMPLETION.stopped));
  if (done.status !== 'InProgress') return;
  const outcome = finalOutcome(done);
  await finishJob(store, clock, job.jobId, outcome.status, outcome.message);
}
