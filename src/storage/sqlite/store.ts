import type { DatabaseSync } from 'node:sqlite';
import type { Repositories, Store } from '../types.ts';
import { codes, quotas, secrets } from './codes.ts';
import { openDatabase } from './database.ts';
import { messages } from './messages.ts';
import { clients, pools } from './pools.ts';
import { groups } from './groups.ts';
import { users } from './users.ts';
import { invocations } from './invocations.ts';
import { signingKeys, tokens } from './tokens.ts';
import { authSessions } from './auth-sessions.ts';
import { Statements, type Exec } from './statements.ts';

/**
 * node:sqlite is synchronous and has one connection, so a transaction that awaits (a trigger,
 * a delivery) must keep every other caller out until it ends, or their statements would join
 * it. The gate is that exclusion: calls outside a transaction wait while one is open.
 */
class Gate {
  #open: Promise<void> | null = null;

  async enter(): Promise<() => void> {
    while (this.#open) await this.#open;
    let release!: () => void;
    this.#open = new Promise<void>((r) => (release = r));
    return () => {
      this.#open = null;
      release();
    };
  }

  /** Resolves when no transaction is open. */
  async idle(): Promise<void> {
    while (this.#open) await this.#open;
  }

  get busy(): boolean {
    return this.#open !== null;
  }
}

function repositories(sql: Statements, exec: Exec): Repositories {
  return {
    authSessions: authSessions(sql, exec),
    signingKeys: signingKeys(sql, exec),
    tokens: tokens(sql, exec),
    invocations: invocations(sql, exec),
    users: users(sql, exec),
    groups: groups(sql, exec),
    pools: pools(sql, exec),
    clients: clients(sql, exec),
    codes: codes(sql, exec),
    secrets: secrets(sql, exec),
    messages: messages(sql, exec),
    quotas: quotas(sql, exec),
  };
}

export interface SqliteStore extends Store {}

export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  readonly #db: DatabaseSync;
  readonly #gate = new Gate();
  readonly #sql: Statements;
  readonly #tx: Repositories;

  constructor(path: string) {
    this.#db = openDatabase(path);
    this.#sql = new Statements(this.#db);
    const outside: Exec = async (work) => {
      // Re-checked after every wake-up: another transaction may have opened in between.
      while (this.#gate.busy) await this.#gate.idle();
      return work();
    };
    Object.assign(this, repositories(this.#sql, outside));
    // Inside a transaction statements run at once: the gate already keeps everyone else out.
    this.#tx = repositories(this.#sql, async (work) => work());
  }

  async transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T> {
    const release = await this.#gate.enter();
    try {
      this.#db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this.#tx);
        this.#db.exec('COMMIT');
        return result;
      } catch (e) {
        this.#db.exec('ROLLBACK');
        throw e;
      }
    } finally {
      release();
    }
  }

  async ping(): Promise<void> {
    this.#sql.get('SELECT 1').get();
  }

  async close(): Promise<void> {
    await this.#gate.idle();
    this.#db.close();
  }
}
