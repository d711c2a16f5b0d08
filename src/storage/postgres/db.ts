import type pg from 'pg';
import type { Row } from '../shared/rows.ts';
import { TxConnection } from './tx-connection.ts';

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

/** The pool, or a transaction's connection. */
interface Queryable {
  query(text: string, params?: unknown[]): Promise<pg.QueryResult>;
}

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
  return base(pool, '', (work) => inTransaction(pool, (tx) => work(txDb(tx, ''))));
}

let savepoints = 0;

/**
 * Statements on one connection inside a transaction; `atomic` is a savepoint. SAVEPOINT and its
 * RELEASE are led (TxConnection): they travel with the statement after them, which reports their
 * failure. Inside a transaction that is safe: a failed one aborts the transaction, and every
 * statement after it fails too.
 */
export function txDb(tx: TxConnection, lock: string): Db {
  const db: Db = base(tx, lock, async (work) => {
    const sp = `sp_${++savepoints}`;
    tx.lead(`SAVEPOINT ${sp}`);
    try {
      const out = await work(db);
      tx.lead(`RELEASE SAVEPOINT ${sp}`);
      return out;
    } catch (e) {
      // A failed statement aborts the whole transaction in PostgreSQL; rolling back to the savepoint keeps the caller's.
      await tx.query(`ROLLBACK TO SAVEPOINT ${sp}`);
      await tx.query(`RELEASE SAVEPOINT ${sp}`);
      throw e;
    }
  });
  return db;
}

/** SQLSTATEs after which the whole transaction may simply be run again. */
const RETRYABLE = new Set(['40001', '40P01']);
const RETRIES = 3;

/**
 * BEGIN, `work` on one checked-out connection, COMMIT; ROLLBACK on any error. BEGIN goes out with
 * the first statement of `work` (TxConnection). A deadlock or a serialization failure (the database
 * chose this transaction to abort) runs it again, up to three times: the work a transaction does is
 * store work only, so running it again is safe.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (tx: TxConnection) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    let broken: Error | undefined;
    // The connection may die between statements (while `work` awaits something else): noted here,
    // the next statement fails with it, rather than an unheard 'error' event ending the process.
    const onError = (e: Error) => (broken = e);
    client.on('error', onError);
    const tx = new TxConnection(client);
    try {
      const result = await work(tx);
      // COMMIT reports the failure of a statement led before it (a RELEASE, or BEGIN itself).
      const commit = await tx.query('COMMIT');
      // COMMIT of a transaction some statement aborted answers ROLLBACK, not an error.
      if (commit.command === 'ROLLBACK') throw new Error('the transaction was rolled back by the database');
      return result;
    } catch (e) {
      tx.close();
      // Behind every statement already written, so answered after them: the connection is then idle.
      await client.query('ROLLBACK').catch((err: Error) => (broken = err));
      if (attempt < RETRIES && RETRYABLE.has((e as { code?: string }).code ?? '')) continue;
      throw e;
    } finally {
      tx.close();
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
