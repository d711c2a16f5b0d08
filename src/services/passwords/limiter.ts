/**
 * At most a few password hashes in flight, the rest waiting their turn in arrival order. Node's
 * thread pool (libuv, 4 threads unless UV_THREADPOOL_SIZE says otherwise) runs every hash, and
 * also the store's file syncs and DNS lookups: handed a burst of sign-ins at once, it interleaves
 * them all, so every one answers only when the last is done, and nothing else gets a thread. Let
 * through a few at a time, they finish one after another, and a thread stays free.
 */
import { rateExceeded } from '../../errors/index.ts';

export class HashLimiter {
  #running = 0;
  readonly #waiting: (() => void)[] = [];
  readonly #slots: number;
  readonly #maxWaiting: number;

  /** `slots` hashes at once; beyond `maxWaiting` waiting, refused as a throttled request is. */
  constructor(slots: number, maxWaiting: number) {
    this.#slots = slots;
    this.#maxWaiting = maxWaiting;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#running < this.#slots) {
      this.#running++;
    } else {
      if (this.#waiting.length >= this.#maxWaiting) throw rateExceeded();
      // The slot is handed over by the task that ends, so `running` stays as it is.
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }

  /** Hashes in flight and waiting (tests). */
  get load(): { running: number; waiting: number } {
    return { running: this.#running, waiting: this.#waiting.length };
  }
}

/**
 * How many hashes at once: one per CPU, but always one thread of the pool fewer, so that a file
 * sync (each commit's durability) never waits behind hashes.
 */
export function hashSlots(cpus: number, threadPoolSize: string | undefined): number {
  const threads = Number(threadPoolSize) > 0 ? Math.floor(Number(threadPoolSize)) : 4;
  return Math.max(1, Math.min(cpus, threads - 1));
}

/** Sign-ins that may wait for a hash; more are refused at once rather than answered too late to matter. */
export const MAX_WAITING_HASHES = 1000;
