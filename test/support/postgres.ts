/**
 * PostgreSQL for tests: where it is (COGNATE_TEST_POSTGRES_URL, default the local server's
 * database `test`), whether it answers, and throw-away schemas, one per store or server, dropped
 * at the end. COGNATE_TEST_STORE=postgres makes the end-to-end harness and rig run on it.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
// Imported for pg's default user (the operating system's, as psql has it).
import '../../src/storage/postgres/store.ts';

export const TEST_POSTGRES_URL = process.env.COGNATE_TEST_POSTGRES_URL || 'postgres://127.0.0.1:5432/test';

/** The end-to-end servers run on PostgreSQL instead of a SQLite file. */
export const postgresMode = () => process.env.COGNATE_TEST_STORE === 'postgres';

let reachable: Promise<string | undefined> | undefined;

/** Undefined when PostgreSQL answers; otherwise why not and how to start one (a skip reason). */
export function postgresUnavailable(): Promise<string | undefined> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return undefined;
    } catch (e) {
      const why = e instanceof AggregateError ? e.errors.map((x) => (x as Error).message).join('; ') : (e as Error).message;
      return `PostgreSQL is not reachable at ${TEST_POSTGRES_URL} (${why}). To run these tests, start one ` +
        '(docker run -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust -e POSTGRES_DB=test postgres, or a local install with a database "test") ' +
        'or point COGNATE_TEST_POSTGRES_URL at one';
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return reachable;
}

/** A schema name no other test run uses (several runs may share the database). */
export function schemaName(prefix = 't'): string {
  return `cognate_${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** Runs statements on the test database from a connection of its own. */
export async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function dropSchemas(names: Iterable<string>): Promise<void> {
  const list = [...names];
  if (list.length === 0) return;
  await withAdmin(async (c) => {
    for (const name of list) await c.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
  });
}

const leftovers = new Set<string>();

/**
 * Drops the schema when this test process ends, whatever happened to the server on it (killed,
 * closed by hand, restarted on the same data). DROP ... IF EXISTS: an earlier drop is harmless.
 */
export function dropAtExit(schema: string): void {
  if (leftovers.size === 0) process.once('beforeExit', () => void dropSchemas(leftovers).catch(() => {}));
  leftovers.add(schema);
}

/** The flags that put a server on its own schema of the test database. */
export function postgresArgs(schema: string): string[] {
  return ['--postgres', TEST_POSTGRES_URL, '--postgres-schema', schema];
}
