import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import type { Page, PageRequest } from '../types.ts';

export type Row = Record<string, unknown>;

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

/** A keyset page: `rows` were fetched with `limit + 1` to learn whether more follow. */
export function page<T>(rows: Row[], limit: number, map: (r: Row) => T): Page<T> {
  const more = rows.length > limit;
  const items = (more ? rows.slice(0, limit) : rows).map(map);
  return more ? { items, next: encodeCursor(rows[limit - 1].seq as number) } : { items };
}

export const afterSeq = (p: PageRequest) => (p.after === undefined ? 0 : decodeCursor(p.after));

export const buf = (v: unknown): Buffer => Buffer.from(v as Uint8Array);
