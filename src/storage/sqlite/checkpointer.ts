import { Worker } from 'node:worker_threads';

/** WAL frames (pages) beyond which the store's own connection checkpoints once: the bound on the WAL's growth. */
export const WAL_BOUND_FRAMES = 16_384;
/**
 * The thread: its own connection to the store's file, copying what the WAL holds into the database
 * when asked. PASSIVE: it never waits for the writer and never makes the writer wait; what it
 * could not copy this time, the next one does. Plain JavaScript, so that the thread does not load
 * Node's TypeScript support (some 25 MB) for twenty lines.
 */
const THREAD = `
const { DatabaseSync } = require('node:sqlite');
const { parentPort, workerData } = require('node:worker_threads');
const db = new DatabaseSync(workerData.path);
db.exec('PRAGMA busy_timeout = 5000');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
parentPort.on('message', (m) => {
  if (m.type === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const r = checkpoint.get();
    parentPort.postMessage({ type: 'done', log: r.log });
  } catch (e) {
    parentPort.postMessage({ type: 'failed', message: e.message });
  }
});
`;

/** The least time from the end of one checkpoint to the start of the next. */
const INTERVAL_MS = 100;

/**
 * Checkpoints off the event loop. SQLite copies the WAL into the database file (a checkpoint) in
 * the COMMIT that takes the WAL past 1,000 pages, on the committing connection's thread: for the
 * store, the event loop, with an fsync of the database file. Under GetUserAttributeVerificationCode
 * load that was some eight stalls of about 3 ms a second, each one felt by every request in
 * flight, and they cost more as the file grows. So the store's connection does not checkpoint by
 * itself (wal_autocheckpoint=0), and this class has a thread with a connection of its own do it,
 * as soon as commits have written and the previous checkpoint is done.
 *
 * A checkpoint that runs beside the writer seldom empties the WAL under steady load (new commits
 * land while it copies), and SQLite rewinds the WAL only when it was emptied; so when the WAL
 * passes WAL_BOUND_FRAMES, the store checkpoints once itself, between two transactions, where
 * nothing can land. If the thread fails, the store goes back to SQLite's own checkpoints.
 */
export class Checkpointer {
  #worker: Worker | null;
  #running = false;
  /** Commits that wrote since the running checkpoint began. */
  #pending = false;
  #frames = 0;
  #lastEnded = -Infinity;
  #timer: NodeJS.Timeout | null = null;
  #closing: Promise<void> | null = null;
  readonly #fallback: (why: string) => void;

  /** `fallback` puts checkpoints back on the store's connection. */
  constructor(path: string, fallback: (why: string) => void) {
    this.#fallback = fallback;
    this.#worker = new Worker(THREAD, { eval: true, workerData: { path }, resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 8 } });
    this.#worker.unref();
    this.#worker.on('message', (m: { type: 'done'; log: number } | { type: 'failed'; message: string }) => {
      this.#running = false;
      if (m.type === 'failed') return this.#stop(`a checkpoint failed: ${m.message}`);
      this.#frames = m.log;
      this.#lastEnded = performance.now();
      if (this.#pending && this.#worker) this.#schedule();
    });
    this.#worker.on('error', (e) => this.#stop(`the checkpoint thread failed: ${e.message}`));
    this.#worker.on('exit', () => {
      if (!this.#closing) this.#stop('the checkpoint thread stopped');
    });
  }

  /** After a commit that wrote. */
  wrote(): void {
    if (!this.#worker || this.#closing) return;
    this.#pending = true;
    if (!this.#running && !this.#timer) this.#schedule();
  }

  #schedule(): void {
    const wait = this.#lastEnded + INTERVAL_MS - performance.now();
    if (wait <= 0) return this.#start();
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (this.#worker && !this.#closing) this.#start();
    }, wait);
    this.#timer.unref();
  }

  /** Whether the WAL has outgrown its bound: the store should checkpoint now, between transactions. */
  get overgrown(): boolean {
    return this.#frames > WAL_BOUND_FRAMES;
  }

  /** After the store checkpointed itself. */
  checkpointed(): void {
    this.#frames = 0;
  }

  #start(): void {
    this.#pending = false;
    this.#running = true;
    this.#worker!.postMessage({ type: 'checkpoint' });
  }

  #stop(why: string): void {
    if (!this.#worker) return;
    const worker = this.#worker;
    this.#worker = null;
    void worker.terminate();
    this.#fallback(why);
  }

  /** Ends the thread (after the checkpoint it may be running). */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      if (this.#timer) clearTimeout(this.#timer);
      const worker = this.#worker;
      this.#worker = null;
      if (!worker) return;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.ref(); // the wait keeps the process alive until the thread is gone
      worker.postMessage({ type: 'close' });
      await exited;
    })();
    return this.#closing;
  }
}
