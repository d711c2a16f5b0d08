import type pg from 'pg';

const ignore = () => {};
const ended = () => new Error('the transaction has ended');

/**
 * The connection of one transaction. pg runs the store's connections in pipeline mode: a statement
 * is written at once, even while those before it are unanswered, and PostgreSQL answers them in
 * order, each in its own extended-protocol sync. A wait for the database is most of what a
 * statement costs (bench/profile.md), so the statements whose answer nothing needs before the next
 * one are led (`lead`: BEGIN, SAVEPOINT, RELEASE SAVEPOINT): written without waiting, they travel
 * with the statement after them, whose answer reports their failure first (its own is then only
 * the consequence: "current transaction is aborted").
 *
 * BEGIN needs more than that: after a BEGIN that failed there is no transaction, and each statement
 * written behind it would commit on its own. So while BEGIN is unanswered only one statement goes
 * out behind it; any other waits for its answer and is never written if it failed. The one that
 * went along runs on its own then, which leaves one case where a transaction is not all or nothing:
 * BEGIN failing on a connection that lives on, which takes a cancel request arriving during BEGIN
 * itself (Cognate sends none; an operator's pg_cancel_backend could) or the server running out of
 * memory for it. A connection that dies fails every statement behind BEGIN with it.
 *
 * Once the transaction ends (close), nothing more is written: a statement still waiting, or one a
 * stray promise issues late, would otherwise run outside it, on a connection back in the pool.
 */
export class TxConnection {
  readonly #client: pg.PoolClient;
  /** Led statements' answers, not yet reported by a statement after them. */
  #led: Promise<unknown>[] = [];
  /** BEGIN's answer: fulfilled when it succeeded, rejected with its error when it failed. */
  readonly #begun: Promise<void>;
  #begin: 'unanswered' | 'succeeded' | 'failed' = 'unanswered';
  /** Whether a statement went out behind the unanswered BEGIN. */
  #riding = false;
  /** Statements waiting for BEGIN's answer (reactions of #begun, so written in the order they came). */
  #waiting = 0;
  #closed = false;

  constructor(client: pg.PoolClient) {
    this.#client = client;
    const begin = client.query('BEGIN');
    this.#begun = begin.then(
      () => void (this.#begin = 'succeeded'),
      (e: unknown) => {
        this.#begin = 'failed';
        throw e;
      },
    );
    this.#begun.catch(ignore);
    this.#led.push(this.#begun);
  }

  /** A statement's answer, or the failure of a led statement before it. */
  async query(text: string, params?: unknown[]): Promise<pg.QueryResult> {
    const led = this.#led;
    this.#led = [];
    const own = this.#write(text, params);
    if (led.length > 0) {
      own.catch(ignore);
      // Answered in order: a led statement's failure, if any, rejects this before `own` is answered.
      await Promise.all(led);
    }
    return own;
  }

  /** Writes a statement without waiting for its answer; the next statement (query) reports its failure. */
  lead(text: string): void {
    const answer = this.#write(text);
    answer.catch(ignore);
    this.#led.push(answer);
  }

  /** Writes nothing more: the transaction ended (its ROLLBACK goes on the client itself). */
  close(): void {
    this.#closed = true;
  }

  #write(text: string, params?: unknown[]): Promise<pg.QueryResult> {
    if (this.#closed) return Promise.reject(ended());
    const now = this.#begin === 'succeeded' || (this.#begin === 'unanswered' && !this.#riding);
    if (now && this.#waiting === 0) {
      this.#riding = true;
      return this.#client.query(text, params);
    }
    this.#waiting++;
    return this.#begun.then(() => {
      this.#waiting--;
      if (this.#closed) throw ended();
      return this.#client.query(text, params);
    });
  }
}
