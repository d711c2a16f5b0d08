import type pg from 'pg';
import { migrations } from './migrations.ts';

/**
 * Brings the schema up to date. The session-level advisory lock (keyed by the schema) makes
 * instances that start together take turns: the first applies what is missing, the others then
 * find it applied. The lock goes with the connection if the process dies mid-way, and each
 * migration is its own transaction (PostgreSQL's DDL is transactional), so a half-applied one never stays.
 */
export async function migrate(client: pg.PoolClient, schema: string | undefined): Promise<void> {
  const lockKey = `cognate-migrations:${schema ?? ''}`;
  await client.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]);
  try {
    // Under the lock: two CREATE SCHEMA IF NOT EXISTS at once can still collide.
    if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`);
    const applied = new Set((await client.query('SELECT version FROM schema_migrations')).rows.map((r) => r.version as number));
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, Date.now()]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]);
  }
}
