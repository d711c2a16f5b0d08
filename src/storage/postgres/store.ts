import { userInfo } from 'node:os';
import pg from 'pg';
import { RepositoryFields, type Repositories, type SignedInKeys, type SignedInRows, type Store } from '../store.ts';
import { authSessions } from './auth-sessions.ts';
import { clients } from './clients.ts';
import { codes } from './codes.ts';
import { consoleSessions } from './console-sessions.ts';
import { inTransaction, poolDb, txDb, type Db } from './db.ts';
import { authEvents, riskConfigurations } from './auth-events.ts';
import { devices } from './devices.ts';
import { groups } from './groups.ts';
import { poolDomains, resourceServers } from './oauth-resources.ts';
import { identityProviders } from './identity-providers.ts';
import { importJobs } from './import-jobs.ts';
import { invocations } from './invocations.ts';
import { lockouts } from './lockouts.ts';
import { messages } from './messages.ts';
import { migrate } from './migrate.ts';
import { passkeys } from './passkeys.ts';
import { pools } from './pools.ts';
import { quotas } from './quotas.ts';
import { SCHEMA_NAME } from './schema-name.ts';
import { secrets } from './secrets.ts';
import { signedInRows } from './signed-in.ts';
import { signingKeys } from './signing-keys.ts';
import { tokens } from './tokens.ts';
import { managedLoginBrandings, terms } from './managed-login.ts';
import { uiCustomizations } from './ui-customizations.ts';
import { users } from './users.ts';

export interface PostgresOptions {
  /** A libpq-style URL: postgres://user:password@host:port/database?sslmode=... */
  url: string;
  /** Keep the tables in this schema (created if absent) instead of the server's default (public). */
  schema?: string;
  /** Most connections open at once (default 10). Transactions hold one each while they run. */
  poolSize?: number;
  /** Errors of idle connections (the database restarted, a connection was killed); they are replaced on next use. */
  onError?: (e: Error) => void;
}

/** How long to wait for a connection (a new one, or a free one from a busy pool). */
const CONNECT_TIMEOUT_MS = 10_000;
/** The database cancels a statement running longer than this. */
const STATEMENT_TIMEOUT_MS = 30_000;
/** The client gives up on an answer after this (a network that went silent); a little over the statement timeout. */
const QUERY_TIMEOUT_MS = 35_000;
/** The database ends a session left idle inside a transaction this long (a process that hung mid-transaction). */
const IDLE_IN_TRANSACTION_MS = 60_000;

/** The database could not be reached at start-up; the message names where it was looked for. */
export class DatabaseUnreachable extends Error {}

/** BIGINT (epoch milliseconds, sequence numbers, counts) and NUMERIC as numbers: all stay far below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/**
 * The user when the URL names none: like libpq (psql), PGUSER, else the operating system's user.
 * pg's own default is only $USER, which service managers and containers often leave unset.
 */
function osUser(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    return undefined;
  }
}
pg.defaults.user ??= osUser();

/** host:port/database of the URL, without credentials, for messages and logs. */
export function describeUrl(url: string): string {
  try {
    const c = new pg.Client({ connectionString: url });
    return `${c.host}:${c.port}/${c.database ?? ''}`;
  } catch {
    return 'the configured URL';
  }
}

/** The reason a connection failed; a refused connection to a name with several addresses carries one error per address. */
function reason(e: unknown): string {
  if (e instanceof AggregateError && e.errors.length) return [...new Set(e.errors.map((x) => (x as Error).message))].join('; ');
  return (e as Error).message || (e as { code?: string }).code || String(e);
}

function repositories(db: Db): Repositories {
  return {
    authSessions: authSessions(db),
    signingKeys: signingKeys(db),
    tokens: tokens(db),
    invocations: invocations(db),
    users: users(db),
    groups: groups(db),
    poolDomains: poolDomains(db),
    resourceServers: resourceServers(db),
    identityProviders: identityProviders(db),
    importJobs: importJobs(db),
    pools: pools(db),
    clients: clients(db),
    codes: codes(db),
    secrets: secrets(db),
    messages: messages(db),
    quotas: quotas(db),
    devices: devices(db),
    lockouts: lockouts(db),
    passkeys: passkeys(db),
    uiCustomizations: uiCustomizations(db),
    managedLoginBrandings: managedLoginBrandings(db),
    terms: terms(db),
    authEvents: authEvents(db),
    riskConfigurations: riskConfigurations(db),
    consoleSessions: consoleSessions(db),
  };
}

/** Inside Store.transaction, single-row reads lock what they read (see Db.lock). */
const TX_LOCK = ' FOR NO KEY UPDATE';

/**
 * The store on PostgreSQL, for several Cognate instances on one database. Outside transactions
 * each statement takes whichever pooled connection is free; a transaction holds one connection
 * from BEGIN to COMMIT. Every atomic step of the contract is one statement or one transaction,
 * so instances agree without talking to each other. When the database goes away, statements fail
 * (requests answer InternalErrorException) and the pool reconnects once it is back.
 */
export class PostgresStore extends RepositoryFields implements Store {
  readonly kind = 'postgres';
  readonly #pool: pg.Pool;
  readonly #signedIn: (keys: SignedInKeys) => Promise<SignedInRows>;

  private constructor(pool: pg.Pool) {
    super();
    this.#pool = pool;
    const db = poolDb(pool);
    Object.assign(this, repositories(db));
    this.#signedIn = signedInRows(db);
  }

  /** Connects, brings the schema up to date, and answers the store; DatabaseUnreachable if it cannot connect. */
  static async open(o: PostgresOptions): Promise<PostgresStore> {
    if (o.schema !== undefined && !SCHEMA_NAME.test(o.schema)) throw new Error(`schema name '${o.schema}' must match ${SCHEMA_NAME}`);
    const pool = new pg.Pool({
      connectionString: o.url,
      max: o.poolSize ?? 10,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      statement_timeout: STATEMENT_TIMEOUT_MS,
      query_timeout: QUERY_TIMEOUT_MS,
      idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
      keepAlive: true,
      application_name: 'cognate',
      // A transaction's statements that need no answer before the next go out with it (TxConnection).
      // Nothing else changes: the pool's statements and the migrations wait for each answer, and no
      // cursor or stream (which pipeline mode refuses) is used. A statement that outlives
      // query_timeout takes its connection down, where it used to be left to answer late: the
      // statements behind it could not be answered before it.
      pipeline: true,
      types,
      ...(o.schema ? { options: `-c search_path=${o.schema}` } : {}),
    });
    // Without a listener, an idle connection that dies would take the process down with it.
    pool.on('error', (e) => o.onError?.(e));
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (e) {
      await pool.end().catch(() => {});
      throw new DatabaseUnreachable(`cannot connect to PostgreSQL at ${describeUrl(o.url)}: ${reason(e)}`, { cause: e });
    }
    try {
      await migrate(client, o.schema);
      client.release();
    } catch (e) {
      client.release(e as Error);
      await pool.end().catch(() => {});
      throw e;
    }
    return new PostgresStore(pool);
  }

  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T> {
    return inTransaction(this.#pool, (tx) => fn(repositories(txDb(tx, TX_LOCK))));
  }

  signedInRows(keys: SignedInKeys): Promise<SignedInRows> {
    return this.#signedIn(keys);
  }

  /** A COMMIT here returns once PostgreSQL has made it durable (synchronous_commit, its default). */
  async settled(): Promise<void> {}

  async ping(): Promise<void> {
    await this.#pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}
