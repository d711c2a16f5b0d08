import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { openDatabase } from './database.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import {
  StoreConflict,
  type ClientRecord,
  type ClientRepository,
  type Page,
  type PageRequest,
  type PoolRecord,
  type PoolRepository,
  type Repositories,
  type Store,
} from '../types.ts';

type Row = Record<string, unknown>;

/**
 * node:sqlite is synchronous and has one connection, so a transaction that awaits (a trigger,
 * a delivery) must keep every other caller out until it ends, or their statements would join
 * it. `gate` is that exclusion: calls outside a transaction wait while one is open.
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

/** Runs a synchronous unit of work, waiting for an open transaction first when there is one. */
type Exec = <T>(work: () => T) => Promise<T>;

function isUniqueViolation(e: unknown): boolean {
  return e instanceof Error && /UNIQUE constraint failed/.test(e.message);
}

class Statements {
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

function page<T>(rows: Row[], limit: number, map: (r: Row) => T): Page<T> {
  const more = rows.length > limit;
  const items = (more ? rows.slice(0, limit) : rows).map(map);
  return more ? { items, next: encodeCursor(rows[limit - 1].seq as number) } : { items };
}

const afterSeq = (p: PageRequest) => (p.after === undefined ? 0 : decodeCursor(p.after));

function poolFromRow(r: Row): PoolRecord {
  return {
    id: r.id as string,
    name: r.name as string,
    createdAt: r.created_at as number,
    lastModifiedAt: r.last_modified_at as number,
    config: JSON.parse(r.config as string),
  };
}

function clientFromRow(r: Row): ClientRecord {
  return {
    poolId: r.pool_id as string,
    clientId: r.client_id as string,
    name: r.name as string,
    secret: (r.secret as string | null) ?? null,
    createdAt: r.created_at as number,
    lastModifiedAt: r.last_modified_at as number,
    config: JSON.parse(r.config as string),
  };
}

function pools(sql: Statements, exec: Exec): PoolRepository {
  return {
    create: (p) =>
      exec(() => {
        try {
          sql.get('INSERT INTO pools (id, name, created_at, last_modified_at, config) VALUES (?, ?, ?, ?, ?)')
            .run(p.id, p.name, p.createdAt, p.lastModifiedAt, JSON.stringify(p.config));
        } catch (e) {
          if (isUniqueViolation(e)) throw new StoreConflict(`pool ${p.id} exists`);
          throw e;
        }
      }),
    get: (id) =>
      exec(() => {
        const r = sql.get('SELECT * FROM pools WHERE id = ?').get(id) as Row | undefined;
        return r && poolFromRow(r);
      }),
    update: (p) =>
      exec(() => {
        const res = sql.get('UPDATE pools SET name = ?, last_modified_at = ?, config = ? WHERE id = ?')
          .run(p.name, p.lastModifiedAt, JSON.stringify(p.config), p.id);
        return res.changes > 0;
      }),
    delete: (id) => exec(() => sql.get('DELETE FROM pools WHERE id = ?').run(id).changes > 0),
    list: (p) =>
      exec(() => page(sql.get('SELECT * FROM pools WHERE seq > ? ORDER BY seq LIMIT ?').all(afterSeq(p), p.limit + 1) as Row[], p.limit, poolFromRow)),
    count: () => exec(() => (sql.get('SELECT count(*) AS n FROM pools').get() as { n: number }).n),
  };
}

function clients(sql: Statements, exec: Exec): ClientRepository {
  return {
    create: (c) =>
      exec(() => {
        try {
          sql.get('INSERT INTO clients (pool_id, client_id, name, secret, created_at, last_modified_at, config) VALUES (?, ?, ?, ?, ?, ?, ?)')
            .run(c.poolId, c.clientId, c.name, c.secret, c.createdAt, c.lastModifiedAt, JSON.stringify(c.config));
        } catch (e) {
          if (isUniqueViolation(e)) throw new StoreConflict(`client ${c.clientId} exists`);
          throw e;
        }
      }),
    get: (poolId, clientId) =>
      exec(() => {
        const r = sql.get('SELECT * FROM clients WHERE client_id = ? AND pool_id = ?').get(clientId, poolId) as Row | undefined;
        return r && clientFromRow(r);
      }),
    update: (c) =>
      exec(() => {
        const res = sql.get('UPDATE clients SET name = ?, secret = ?, last_modified_at = ?, config = ? WHERE client_id = ? AND pool_id = ?')
          .run(c.name, c.secret, c.lastModifiedAt, JSON.stringify(c.config), c.clientId, c.poolId);
        return res.changes > 0;
      }),
    delete: (poolId, clientId) => exec(() => sql.get('DELETE FROM clients WHERE client_id = ? AND pool_id = ?').run(clientId, poolId).changes > 0),
    list: (poolId, p) =>
      exec(() =>
        page(sql.get('SELECT * FROM clients WHERE pool_id = ? AND seq > ? ORDER BY seq LIMIT ?').all(poolId, afterSeq(p), p.limit + 1) as Row[], p.limit, clientFromRow),
      ),
    count: (poolId) => exec(() => (sql.get('SELECT count(*) AS n FROM clients WHERE pool_id = ?').get(poolId) as { n: number }).n),
  };
}

function repositories(sql: Statements, exec: Exec): Repositories {
  return { pools: pools(sql, exec), clients: clients(sql, exec) };
}

export class SqliteStore implements Store {
  readonly pools: PoolRepository;
  readonly clients: ClientRepository;
  readonly #db: DatabaseSync;
  readonly #gate = new Gate();
  readonly #sql: Statements;

  constructor(path: string) {
    this.#db = openDatabase(path);
    this.#sql = new Statements(this.#db);
    const outside: Exec = async (work) => {
      // Re-checked after every wake-up: another transaction may have opened in between.
      while (this.#gate.busy) await this.#gate.idle();
      return work();
    };
    const repos = repositories(this.#sql, outside);
    this.pools = repos.pools;
    this.clients = repos.clients;
  }

  async transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T> {
    const release = await this.#gate.enter();
    // Inside, statements run at once: the gate already keeps everyone else out.
    const tx = repositories(this.#sql, async (work) => work());
    try {
      this.#db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(tx);
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
