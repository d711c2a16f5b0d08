/**
 * What the lockout leaves in the store for names no user holds (issue 18, review): each made-up
 * name a client that hides users is asked about keeps a counter until it no longer counts, so its
 * key is kept compact and the SQLite table is its key's B-tree alone.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, it } from 'node:test';
import type { PoolRecord } from '../domain/pool.ts';
import { SqliteStore } from '../storage/sqlite/store.ts';
import { countedCheck, lockoutKey } from './lockout.ts';

const dir = mkdtempSync(join(tmpdir(), 'cognate-lockout-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const pool = { id: 'us-east-1_AbCdEfGhI', config: {} } as PoolRecord;

it('keys a counter in 23 characters that do not show whose it is', () => {
  const keys = [lockoutKey(pool, { sub: '0b1c2d3e-0000-4000-8000-00000000a11c' }), lockoutKey(pool, { unknownName: 'nobody@example.com' })];
  for (const key of keys) assert.match(key, /^p[A-Za-z0-9_-]{22}$/);
  assert.notEqual(keys[0], keys[1]);
  const answers = lockoutKey(pool, { sub: '0b1c2d3e-0000-4000-8000-00000000a11c' }, 'answer');
  assert.match(answers, /^a[A-Za-z0-9_-]{22}$/);
  assert.equal(answers.slice(1), keys[0].slice(1), 'answers are counted apart from passwords, by the first character');
  // Sign-in codes apart from custom answers too: a right answer to an easy custom challenge must not
  // give back the guesses at a TOTP or a sent code.
  assert.match(lockoutKey(pool, { sub: '0b1c2d3e-0000-4000-8000-00000000a11c' }, 'code'), /^c[A-Za-z0-9_-]{22}$/);
  assert.notEqual(lockoutKey({ ...pool, id: 'us-east-1_Other1234' }, { unknownName: 'nobody@example.com' }), keys[1], 'pools are counted apart');
  const caseless = { ...pool, config: { UsernameConfiguration: { CaseSensitive: false } } } as PoolRecord;
  assert.equal(lockoutKey(caseless, { unknownName: 'Nobody@Example.com' }), lockoutKey(caseless, { unknownName: 'nobody@example.com' }), 'a name is counted as the pool compares names');
});

it('keeps 20,000 made-up names in under 1 MB of a SQLite file (2.3 MB before: 43-character keys, and an index holding each again)', async () => {
  const file = join(dir, 'names.db');
  const store = new SqliteStore(file);
  const size = () => {
    const db = new DatabaseSync(file);
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    const bytes = (db.prepare('PRAGMA page_count').get() as { page_count: number }).page_count * (db.prepare('PRAGMA page_size').get() as { page_size: number }).page_size;
    const rows = (db.prepare('SELECT count(*) AS n FROM lockouts').get() as { n: number }).n;
    db.close();
    return { bytes, rows };
  };
  const empty = size();
  const now = Date.now();
  for (let i = 0; i < 20_000; i += 500) {
    await Promise.all(Array.from({ length: 500 }, (_, j) => countedCheck(store, pool, { unknownName: `made-up-${i + j}@example.com` }, now, () => false)));
  }
  await store.close();
  const full = size();
  assert.equal(full.rows, 20_000);
  const grown = full.bytes - empty.bytes;
  assert.ok(grown < 1_000_000, `20,000 made-up names took ${grown} bytes (${Math.round(grown / 20_000)} a name)`);
});
