/**
 * The rows a server's store holds, read as someone with a copy of the database would: straight
 * from the SQLite file or the PostgreSQL schema, past Cognate. For tests of what is kept at rest.
 */
import { DatabaseSync } from 'node:sqlite';
import { withAdmin } from './postgres.ts';

/** Where a server keeps its data: a SQLite file, or a PostgreSQL schema of the test database. */
export type RawStore = { kind: 'sqlite'; file: string } | { kind: 'postgres'; schema: string };

/** Runs one statement (`?` for parameters) and returns its rows. */
export async function rawRows(at: RawStore, sql: string, params: (string | number | null)[] = []): Promise<Record<string, unknown>[]> {
  if (at.kind === 'sqlite') {
    const db = new DatabaseSync(at.file);
    try {
      return db.prepare(sql).all(...params) as Record<string, unknown>[];
    } finally {
      db.close();
    }
  }
  let n = 0;
  const text = sql.replace(/\?/g, () => `$${++n}`);
  return withAdmin(async (c) => {
    await c.query(`SET search_path TO "${at.schema}"`);
    return (await c.query(text, params)).rows;
  });
}
