import pg from 'pg';
import type { Row } from '../shared/rows.ts';

export type { Row } from '../shared/rows.ts';

/**
 * Where a repository's statements go: the pool (each statement on whichever connection is free)
 * or the one connection of an open transaction. Repositories are written once against this.
 */
export interface Db {
  rows(text: string, params?: unknown[]): Promise<Row[]>;
  one(text: string, params?: unknown[]): Promise<Row | undefined>;
  /** Rows the statement changed. */
  run(text: string, params?: unknown[]): Promise<number>;
  /** Runs `work` atomically: in a transaction of its own, or in a savepoint of the open one. */
  atomic<T>(work: (db: Db) => Promise<T>): Promise<T>;
  /**
   * Appended to the single-row reads: inside a transaction they lock the row they read (until
   * commit), so a read-modify-write in a transaction is never lost to a concurrent one, as with
   * SQLite's single writer. Empty outside transactions.
   */
  readonly lock: string;
}

type Queryable = pg.Pool | pg.PoolClient;

function base(q: Queryable, lock: string, atomic: Db['atomic']): Db {
  // Unnamed statements: a named (prepared) `SELECT *` would fail on every open connection once a
  // newer instance's migration adds a column, during a rolling upgrade.
  const exec = (text: string, params: unknown[] = []) => q.query(text, params);
  return {
    rows: async (text, params) => (await exec(text, params)).rows,
    one: async (text, params) => (await exec(text, params)).rows[0],
    run: async (text, params) => (await exec(text, params)).rowCount ?? 0,
    atomic,
    lock,
  };
}

/** Statements on the pool; `atomic` checks a connection out for a transaction of its own. */
export function poolDb(pool: pg.Pool): Db {
  return base(pool, '', (work) => inTransaction(pool, (client) => work(clientDb(client, ''))));
}

let savepoints = 0;

/** Statements on one connection inside a transaction; `atomic` is a savepoint. */
export function clientDb(client: pg.PoolClient, lock: string): Db {
  const db: Db = base(client, lock, async (work) => {
    const sp = `sp_${++savepoints}`;
    await client.query(`SAVEPOINT ${sp}`);
    try {
      const out = await work(db);
      await client.query(`RELEASE SAVEPOINT ${sp}`);
      return out;
    } catch (e) {
      // A failed statement aborts the whole transaction in PostgreSQL; rolling back to the savepoint keeps the caller's.
      await client.query(`ROLLBACK TO SAVEPOINT ${sp}`);
      await client.query(`RELEASE SAVEPOINT ${sp}`);
      throw e;
    }
  });
  return db;
}

/** SQLSTATEs after which the whole transaction may simply be run again. */
const RETRYABLE = new Set(['40001', '40P01']);
const RETRIES = 3;

/**
 * BEGIN, `work` on one checked-out connection, COMMIT; ROLLBACK on any error. A deadlock or a
 * serialization failure (the database chose this transaction to abort) runs it again, up to three
 * times: the work a transaction does is store work only, so running it again is safe.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    let broken: Error | undefined;
    // The connection may die between statements (while `work` awaits something else): noted here,
    // the next statement fails with it, rather than an unheard 'error' event ending the process.
    const onError = (e: Error) => (broken = e);
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await work(client);
      const commit = await client.query('COMMIT');
      // COMMIT of a transaction some statement aborted answers ROLLBACK, not an error.
      if (commit.command === 'ROLLBACK') throw new Error('the transaction was rolled back by the database');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch((err: Error) => (broken = err));
      if (attempt < RETRIES && RETRYABLE.has((e as { code?: string }).code ?? '')) continue;
      throw e;
    } finally {
      // A connection that could not even roll back is discarded, not handed to the next caller.
      client.removeListener('error', onError);
      client.release(broken);
    }
  }
}

export const sqlState = (e: unknown): string | undefined => (e as { code?: string })?.code;
export const isUniqueViolation = (e: unknown) => sqlState(e) === '23505';
/** The constraint a violation names (PostgreSQL reports it on the error). */
export const constraintOf = (e: unknown): string => (e as { constraint?: string })?.constraint ?? '';
