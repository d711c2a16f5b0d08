import type { DatabaseSync } from 'node:sqlite';
import { RepositoryFields, type Repositories, type SignedInKeys, type SignedInRows, type Store } from '../store.ts';
import { authSessions } from './auth-sessions.ts';
import { Checkpointer } from './checkpointer.ts';
import { Gate } from './gate.ts';
import { clients } from './clients.ts';
import { codes } from './codes.ts';
import { consoleSessions } from './console-sessions.ts';
import { openDatabase } from './database.ts';
import { WalDurability, type DataSync } from './durability.ts';
import { authEvents, riskConfigurations } from './auth-events.ts';
import { devices } from './devices.ts';
import { groups } from './groups.ts';
import { poolDomains, resourceServers } from './oauth-resources.ts';
import { identityProviders } from './identity-providers.ts';
import { importJobs } from './import-jobs.ts';
import { invocations } from './invocations.ts';
import { ReadMemo, UserRows } from './memo.ts';
import { lockouts } from './lockouts.ts';
import { lastSeq, messages, type Numbering } from './messages.ts';
import { passkeys } from './passkeys.ts';
import { pools } from './pools.ts';
import { quotas } from './quotas.ts';
import { secrets } from './secrets.ts';
import { signingKeys } from './signing-keys.ts';
import { Statements, type Exec } from './statements.ts';
import { tokens } from './tokens.ts';
import { managedLoginBrandings, terms } from './managed-login.ts';
import { uiCustomizations } from './ui-customizations.ts';
import { users } from './users.ts';

function repositories(sql: Statements, exec: Exec, memo: ReadMemo, userRows: UserRows, numbering: Numbering, trusted: boolean): Repositories {
  return {
    authSessions: authSessions(sql, exec),
    signingKeys: signingKeys(sql, exec),
    tokens: tokens(sql, exec),
    invocations: invocations(sql, exec),
    users: users(sql, exec, memo, userRows),
    groups: groups(sql, exec),
    poolDomains: poolDomains(sql, exec),
    resourceServers: resourceServers(sql, exec),
    identityProviders: identityProviders(sql, exec),
    importJobs: importJobs(sql, exec),
    pools: pools(sql, exec, memo, trusted),
    clients: clients(sql, exec, memo, trusted),
    codes: codes(sql, exec),
    secrets: secrets(sql, exec),
    messages: messages(sql, exec, numbering),
    quotas: quotas(sql, exec),
    devices: devices(sql, exec),
    lockouts: lockouts(sql, exec),
    passkeys: passkeys(sql, exec),
    uiCustomizations: uiCustomizations(sql, exec),
    managedLoginBrandings: managedLoginBrandings(sql, exec),
    terms: terms(sql, exec),
    authEvents: authEvents(sql, exec),
    riskConfigurations: riskConfigurations(sql, exec),
    consoleSessions: consoleSessions(sql, exec),
  };
}

/** One SQLite transaction shared by the statements of everyone the event loop served in one turn. */
interface Group {
  committed: Promise<void>;
  resolve(): void;
  reject(e: unknown): void;
}

/**
 * Group commit. node:sqlite is synchronous with one connection. So statements do not commit one by
 * one: those of every caller the event loop serves in one turn run in one transaction, committed
 * once after that turn (setImmediate), and each caller gets its result only after that commit is on
 * disk (WalDurability: the WAL flushed off the event loop, while the next turns go on); N concurrent
 * writers pay for one flush instead of N. A group that only read commits at once, and its callers
 * get their rows once the commits those rows may come from (the groups before it) are on disk: no
 * answer can show what a power loss would take back, and no caller waits for later groups' flushes.
 * A transaction (`transaction(fn)`) is a savepoint of the group, with the gate held while it runs.
 */
export class SqliteStore extends RepositoryFields implements Store {
  readonly kind = 'sqlite';
  readonly #db: DatabaseSync;
  readonly #gate = new Gate();
  readonly #sql: Statements;
  readonly #tx: Repositories;
  #group: Group | null = null;
  /** Null for an in-memory database, which has nothing to flush. */
  readonly #durability: WalDurability | null;
  /** Checkpoints on a thread of their own (file databases); null: SQLite's, in COMMIT. */
  readonly #checkpointer: Checkpointer | null;
  #changes = 0;
  readonly #memo: ReadMemo;
  /** PRAGMA data_version as the open group sees it, once asked. */
  #dataVersion: number | undefined;

  /** `options.datasync` stands in for fdatasync(2) (tests that watch when callers are answered). */
  constructor(path: string, options: { datasync?: DataSync } = {}) {
    super();
    const { db, wal } = openDatabase(path, { flushesWal: path !== ':memory:' });
    this.#db = db;
    this.#durability = wal && path !== ':memory:' ? new WalDurability(path, options.datasync) : null;
    this.#sql = new Statements(this.#db);
    // Constant within a transaction (the group holds the write lock): read once per group.
    const dataVersion = this.#sql.get('PRAGMA data_version');
    this.#memo = new ReadMemo(() => (this.#dataVersion ??= (dataVersion.get() as { data_version: number }).data_version));
    this.#checkpointer = this.#durability ? this.#checkpointOffThread(path) : null;
    this.#changes = this.#totalChanges();
    const outside: Exec = async (work) => {
      // Re-checked after every wake-up: another transaction may have opened in between.
      while (this.#gate.busy) await this.#gate.idle();
      if (this.#durability?.failed) throw this.#durability.failed;
      const committed = this.#join();
      let out;
      try {
        out = work();
      } catch (e) {
        this.#checkOpen(e);
        await committed;
        throw e;
      }
      await committed;
      return out;
    };
    const userRows = new UserRows();
    const numbering = { last: lastSeq(this.#sql) };
    Object.assign(this, repositories(this.#sql, outside, this.#memo, userRows, numbering, true));
    // Inside a transaction statements run at once: the gate already keeps everyone else out.
    this.#tx = repositories(this.#sql, async (work) => work(), this.#memo, userRows, numbering, false);
  }

  #checkpointOffThread(path: string): Checkpointer | null {
    try {
      const checkpointer = new Checkpointer(path, (why) => {
        this.#db.exec('PRAGMA wal_autocheckpoint = 1000');
        process.emitWarning(`SQLite checkpoints are back on the event loop: ${why}`);
      });
      this.#db.exec('PRAGMA wal_autocheckpoint = 0');
      return checkpointer;
    } catch (e) {
      process.emitWarning(`SQLite checkpoints stay on the event loop: ${(e as Error).message}`);
      return null;
    }
  }

  /** The open group, begun if there is none, with its commit scheduled after this turn. */
  #join(): Promise<void> {
    if (this.#group) return this.#group.committed;
    this.#run('BEGIN IMMEDIATE');
    this.#dataVersion = undefined;
    let resolve!: () => void;
    let reject!: (e: unknown) => void;
    const committed = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
    const group = { committed, resolve, reject };
    this.#group = group;
    setImmediate(() => void this.#commitSoon(group));
    return committed;
  }

  /**
   * A group that wrote stays open while the disk flushes the one before it, taking in the callers
   * of the turns that follow; it commits when the flush ends, and the next flush covers it all.
   * So there are as many commits as flushes, not one per turn: each commit writes the pages it
   * changed to the WAL once (the outbox's last page, an index's), for everyone in the group.
   * A group that only read commits at once: nothing of it needs the disk.
   */
  async #commitSoon(group: Group): Promise<void> {
    if (this.#durability?.flushing && this.#group === group && this.#totalChanges() !== this.#changes) await this.#durability.idle();
    await this.#commit(group);
  }

  async #commit(group: Group): Promise<void> {
    // Never while a transaction's savepoint is open: COMMIT would take its unfinished work along.
    const release = await this.#gate.enter();
    try {
      if (this.#group !== group) return; // lost already (see #checkOpen)
      this.#group = null;
      try {
        this.#run('COMMIT');
      } catch (e) {
        if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
        this.#memo.changed();
        group.reject(e);
        return;
      }
      const changes = this.#totalChanges();
      const wrote = changes !== this.#changes;
      this.#changes = changes;
      if (wrote && this.#checkpointer) {
        // Between two transactions nothing can land in the WAL, so this checkpoint empties it.
        if (this.#checkpointer.overgrown) {
          this.#db.exec('PRAGMA wal_checkpoint(PASSIVE)');
          this.#checkpointer.checkpointed();
        }
        this.#checkpointer.wrote();
      }
      // A group that wrote is answered once it is on disk: what its callers do next (send the code
      // it stored, say) must not outrun it. The wait is outside the gate: the next groups run and
      // commit while this one is flushed. A group that only read waits for the commits before it,
      // which its rows may come from. Waiting here rather than once before each answer (settled())
      // is exact: an answer waited there for every commit made until then, often the next group's,
      // and so for a flush more than its own rows needed.
      if (this.#durability) this.#durability.committed(wrote).then(group.resolve, group.reject);
      else group.resolve();
    } finally {
      release();
    }
  }

  /** A statement without parameters (BEGIN, COMMIT, a savepoint), compiled once: exec() parsed them on every transaction. */
  #run(sql: string): void {
    this.#sql.get(sql).run();
  }

  /** Rows inserted, updated or deleted on this connection since it opened. */
  #totalChanges(): number {
    return (this.#sql.get('SELECT total_changes() AS n').get() as { n: number }).n;
  }

  /** After a failed statement: some errors (disk full, I/O) make SQLite roll back the whole transaction, and with it the group. */
  #checkOpen(e: unknown): void {
    const group = this.#group;
    if (group && !this.#db.isTransaction) {
      this.#group = null;
      this.#memo.changed();
      group.reject(e);
    }
  }

  async transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T> {
    const release = await this.#gate.enter();
    if (this.#durability?.failed) {
      release();
      throw this.#durability.failed;
    }
    let committed: Promise<void>;
    let outcome: { ok: true; value: T } | { ok: false; error: unknown };
    try {
      committed = this.#join();
      this.#run('SAVEPOINT tx');
      try {
        outcome = { ok: true, value: await fn(this.#tx) };
        this.#run('RELEASE tx');
      } catch (e) {
        outcome = { ok: false, error: e };
        if (this.#db.isTransaction) {
          this.#run('ROLLBACK TO tx');
          this.#run('RELEASE tx');
          this.#memo.changed();
        } else {
          this.#checkOpen(e);
        }
      }
    } finally {
      release();
    }
    await committed;
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /** The repositories' own reads, which their memo (memo.ts, ByVersion) mostly answers without a statement. */
  async signedInRows({ poolId, clientId, sub, originJti }: SignedInKeys): Promise<SignedInRows> {
    const [pool, client, user, revoked] = await Promise.all([
      this.pools.get(poolId),
      clientId === undefined ? undefined : this.clients.get(poolId, clientId),
      sub === undefined ? undefined : this.users.get(poolId, sub),
      originJti === undefined ? false : this.tokens.isOriginRevoked(originJti),
    ]);
    return { pool, client, user, revoked };
  }

  async settled(): Promise<void> {
    await this.#durability?.committed(false);
  }

  async ping(): Promise<void> {
    if (this.#durability?.failed) throw this.#durability.failed;
    this.#sql.get('SELECT 1').get();
  }

  async close(): Promise<void> {
    await this.#gate.idle();
    while (this.#group) await this.#group.committed.catch(() => {});
    await this.#durability?.close();
    await this.#checkpointer?.close();
    this.#db.close();
  }
}
