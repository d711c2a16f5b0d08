import type { DatabaseSync, StatementSync } from 'node:sqlite';
export { afterSeq, buf, page, type Row } from '../rows.ts';

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

export function isUniqueViolation(e: unknown): boolean {
  return e instanceof Error && /UNIQUE constraint failed/.test(e.message);
}
