import type { DatabaseSync, StatementSync } from 'node:sqlite';
export { afterSeq, buf, page, type Row } from '../shared/rows.ts';

/** Runs a synchronous unit of work, waiting for an open transaction first when there is one. */
export type Exec = <T>(work: () => T) => Promise<T>;

/** Prepared statements, compiled once per SQL text. */
export class Statements {
  readonly #db: DatabaseSync;
  readonly #cache = new Map<string, StatementSync>();
  constructor(db: DatabaseSync) {
    this.#db = db;
  }
  get(sql: string): StatementSync {
    let s = this.#cache.get(sql);
    if (!s) {
      s = this.#db.prepare(sql);
      this.#cache.set(sql, s);
    }
    return s;
  }
}

/**
 * Goes through a table in slices, each its own unit of work (so the event loop is never held for
 * long, however big the table): `slice(after)` handles the rows past key `after` and says where it
 * ended and how many rows it removed, or undefined when there is nothing more. Returns how many in all.
 */
export async function sweep(exec: Exec, slice: (after: number) => { end: number; removed: number } | undefined): Promise<number> {
  let removed = 0;
  for (let after = 0; ; ) {
    const done = await exec(() => slice(after));
    if (!done) return removed;
    removed += done.removed;
    after = done.end;
  }
}

export function isUniqueViolation(e: unknown): boolean {
  return e instanceof Error && /UNIQUE constraint failed/.test(e.message);
}
