import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { migrations } from './schema/migrations.ts';

/**
 * Opens the SQLite file with the settings Cognate relies on, and brings its schema up to date.
 *
 * The WAL journal, when the file takes it. `flushesWal` says who puts commits on disk: true when
 * the caller flushes the WAL itself before answering (the store's WalDurability: synchronous=NORMAL,
 * so that COMMIT does not wait for the disk on the event loop); false for synchronous=FULL, where
 * each COMMIT flushes. Either way an answered request survives power loss, not only a crash.
 * Returns whether the WAL journal is in use (an in-memory database has none).
 *
 * A page cache of 16 MB instead of SQLite's 2 MB: with the default, the pages a write load dirties
 * (the outbox, the codes) pushed the users' pages out, and every sign-in check read its user's row
 * from the file again (a seventh of GetUserAttributeVerificationCode's time in the profile; half
 * that with 16 MB).
 */
export function openDatabase(path: string, options: { flushesWal: boolean }): { db: DatabaseSync; wal: boolean } {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  const mode = (db.prepare('PRAGMA journal_mode = WAL').get() as { journal_mode: string }).journal_mode;
  const wal = mode.toLowerCase() === 'wal';
  db.exec(`
    PRAGMA synchronous = ${wal && options.flushesWal ? 'NORMAL' : 'FULL'};
    PRAGMA foreign_keys = ON;
    PRAGMA busy_timeout = 5000;
    PRAGMA cache_size = -16384;
  `);
  migrate(db);
  return { db, wal };
}

function migrate(db: DatabaseSync): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  // IMMEDIATE takes the write lock first, so two processes starting on one file apply each migration once.
  db.exec('BEGIN IMMEDIATE');
  try {
    const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      db.exec(m.sql);
      m.run?.(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, Date.now());
    }
    db.exec('COMMIT');
  } catch (e) {
    db.exec('ROLLBACK');
    throw e;
  }
}
