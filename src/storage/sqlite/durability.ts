import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Flushes a file's data to the disk; FileHandle.datasync (fdatasync(2)) unless a test stands in. */
export type DataSync = (file: FileHandle) => Promise<void>;

/**
 * What SQLite committed, made durable off the event loop.
 *
 * With synchronous=FULL, SQLite fsyncs the WAL inside every COMMIT, and node:sqlite runs COMMIT on
 * the event loop: every request waited while the disk flushed another one's commit (a fifth of
 * GetUserAttributeVerificationCode's time in the profile, and the reason its p99 grew with load).
 * So the store commits with synchronous=NORMAL (the WAL is written, not flushed) and this class
 * flushes the WAL file with fdatasync on libuv's thread pool; a caller is answered only when a
 * flush that began after its commit has finished. That is FULL's guarantee, kept for every answer:
 * what was answered is on disk. One flush covers every commit made before it began, so commits made
 * while a flush runs share the next one. (SQLite still flushes the WAL itself before a checkpoint
 * copies it into the database, and the database after: synchronous=NORMAL in WAL mode.)
 *
 * A failed flush fails every caller waiting on it, and every later one: after fdatasync reports an
 * error, Linux may have dropped the dirty pages it could not write, so a later flush that succeeds
 * proves nothing about them. The process must restart (SQLite then recovers from the WAL on disk).
 */
export class WalDurability {
  readonly #wal: string;
  readonly #datasync: DataSync;
  #file: Promise<FileHandle> | null = null;
  /** Commits that wrote something, counted; and how many of them are known to be on disk. */
  #committed = 0;
  #durable = 0;
  #flushing = false;
  #waiting: { seq: number; resolve: () => void; reject: (e: unknown) => void }[] = [];
  #failed: Error | null = null;
  #idle: (() => void)[] = [];

  constructor(databasePath: string, datasync: DataSync = (f) => f.datasync()) {
    this.#wal = `${databasePath}-wal`;
    this.#datasync = datasync;
  }

  /** Whether a flush is under way. */
  get flushing(): boolean {
    return this.#flushing;
  }

  /** Resolves when no flush is under way (at once if none is). */
  idle(): Promise<void> {
    return this.#flushing ? new Promise((resolve) => this.#idle.push(resolve)) : Promise.resolve();
  }

  /** Set after a failed flush: the reason every write now fails. */
  get failed(): Error | null {
    return this.#failed;
  }

  /**
   * After a COMMIT: resolves once it is on disk. `wrote` says whether the transaction changed
   * anything; one that only read still waits for the commits before it, whose rows it may have seen.
   */
  committed(wrote: boolean): Promise<void> {
    if (this.#failed) return Promise.reject(this.#failed);
    const seq = wrote ? ++this.#committed : this.#committed;
    if (seq <= this.#durable) return Promise.resolve();
    const done = new Promise<void>((resolve, reject) => this.#waiting.push({ seq, resolve, reject }));
    if (!this.#flushing) void this.#flush();
    return done;
  }

  /** Resolves when everything committed so far is on disk (or the flush failed). */
  async settled(): Promise<void> {
    await this.committed(false).catch(() => {});
  }

  async close(): Promise<void> {
    await this.settled();
    const file = this.#file;
    this.#file = null;
    if (file) await (await file.catch(() => null))?.close();
  }

  async #flush(): Promise<void> {
    this.#flushing = true;
    try {
      while (!this.#failed && this.#durable < this.#committed) {
        const covers = this.#committed; // every commit made before the flush begins
        try {
          await this.#datasync(await this.#handle());
        } catch (e) {
          this.#failed = Object.assign(new Error(`the SQLite WAL (${this.#wal}) could not be flushed to disk; restart Cognate: ${(e as Error).message}`), { cause: e });
          break;
        }
        this.#durable = covers;
        this.#waiting = this.#waiting.filter((w) => (w.seq <= covers ? (w.resolve(), false) : true));
      }
    } finally {
      this.#flushing = false;
    }
    if (this.#failed) {
      for (const w of this.#waiting) w.reject(this.#failed);
      this.#waiting = [];
    }
    for (const resolve of this.#idle.splice(0)) resolve();
  }

  /**
   * The WAL file, opened at the first flush (SQLite creates it at the first write) and kept open: a
   * connection that stays open never deletes its WAL. Its directory is flushed once too, so the
   * file's own entry survives a power loss, as SQLite does for a journal it creates.
   */
  #handle(): Promise<FileHandle> {
    this.#file ??= (async () => {
      const file = await open(this.#wal, 'r+');
      const dir = await open(dirname(this.#wal), 'r');
      try {
        await dir.sync();
      } finally {
        await dir.close();
      }
      return file;
    })();
    return this.#file;
  }
}
