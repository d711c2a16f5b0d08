import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, it } from 'node:test';
import { PER_MS, seqOfMessageId } from '../../shared/message-ids.ts';
import { migrations } from './migrations.ts';
import { SqliteStore } from '../store.ts';

const dir = mkdtempSync(join(tmpdir(), 'cognate-migrations-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A file as Cognate left it at schema `version`. */
function fileAt(version: number): string {
  const file = join(dir, `v${version}.db`);
  const db = new DatabaseSync(file);
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  for (const m of migrations.filter((m) => m.version <= version)) {
    db.exec(m.sql);
    m.run?.(db);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, 0);
  }
  db.close();
  return file;
}

it('renumbers the outbox of a file from before migration 11, in order, with ids that find each message', async () => {
  const file = fileAt(10);
  const db = new DatabaseSync(file);
  db.prepare("INSERT INTO pools (id, name, created_at, last_modified_at, config) VALUES ('us-east-1_OLD', 'old', 0, 0, '{}')").run();
  const insert = db.prepare(`INSERT INTO messages (id, pool_id, user_id, username, medium, channel, destination, body, status, attempts, next_attempt_at, lease_until, created_at, updated_at)
                             VALUES (?, 'us-east-1_OLD', 's', 'u', 'email', 'smtp', 'u@example.com', ?, ?, 1, 0, ?, ?, ?)`);
  // Two in one millisecond, and a clock that went back: the order kept is the rows' own.
  insert.run('018f0000-0000-7000-8000-000000000001', 'first', 'sent', null, 5000, 5000);
  insert.run('018f0000-0000-7000-8000-000000000002', 'second', 'sent', null, 5000, 5000);
  insert.run('018f0000-0000-7000-8000-000000000003', 'third', 'sending', 1, 4000, 4000);
  db.close();

  const store = new SqliteStore(file);
  const listed = await store.messages.list({ limit: 10 });
  assert.deepEqual(listed.map((m) => m.body), ['third', 'second', 'first'], 'newest first, as before');
  assert.deepEqual(listed.map((m) => seqOfMessageId(m.id)).reverse(), [5000 * PER_MS, 5000 * PER_MS + 1, 5000 * PER_MS + 2]);
  for (const m of listed) assert.equal((await store.messages.get(m.id))?.body, m.body);
  const [claimed] = await store.messages.claim({ now: 10, leaseMs: 1000, limit: 10 });
  assert.equal(claimed.body, 'third', 'a message whose sender died is taken up again');
  await store.messages.finish(claimed.id, { status: 'sent', now: 20 });
  assert.equal((await store.messages.get(claimed.id))?.status, 'sent');
  const next = await store.messages.enqueue({ ...claimed, createdAt: 1 });
  assert.ok(seqOfMessageId(next)! > 5000 * PER_MS + 2, 'after the last, whatever the clock says');
  await store.close();

  const check = new DatabaseSync(file);
  const indexes = (check.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'messages'").all() as { name: string }[]).map((r) => r.name);
  assert.deepEqual(indexes, ['messages_due']);
  check.close();
});

it('keeps the lockout counters in one B-tree from migration 14, leaving the old keys behind', async () => {
  const file = fileAt(13);
  const db = new DatabaseSync(file);
  db.prepare('INSERT INTO lockouts (key, failures, last_failure_at, locked_until) VALUES (?, 7, 1000, 5000)').run('x'.repeat(43));
  db.close();

  const store = new SqliteStore(file);
  assert.equal(await store.lockouts.get('x'.repeat(43)), undefined, 'a counter under a key of the old form, which nothing finds any more');
  assert.equal(await store.lockouts.count('pAAAAAAAAAAAAAAAAAAAAAA', 1000, { freeAttempts: 5, resetAfterMs: 900_000, maxLockMs: 900_000 }), true);
  assert.equal((await store.lockouts.get('pAAAAAAAAAAAAAAAAAAAAAA'))?.failures, 1);
  await store.close();

  const check = new DatabaseSync(file);
  const { sql } = check.prepare("SELECT sql FROM sqlite_master WHERE name = 'lockouts'").get() as { sql: string };
  assert.match(sql, /WITHOUT ROWID$/);
  assert.deepEqual(check.prepare("SELECT name FROM sqlite_master WHERE tbl_name = 'lockouts' AND type = 'index'").all(), [], 'no index beside it');
  check.close();
});

it('keeps the windows of a file from before migration 15, stored by their key alone', async () => {
  const file = fileAt(14);
  const db = new DatabaseSync(file);
  db.prepare("INSERT INTO rate_windows (key, times, expires_at) VALUES ('full', json_array(1000, 2000), 3601000)").run();
  db.close();

  const store = new SqliteStore(file);
  assert.equal(await store.quotas.takeInWindow('full', 2, 3_600_000, 3000), false, 'the takes before the migration still count');
  assert.equal(await store.quotas.takeInWindow('full', 3, 3_600_000, 3000), true);
  await store.close();

  const check = new DatabaseSync(file);
  const table = check.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'rate_windows'").get() as { sql: string };
  assert.match(table.sql, /WITHOUT ROWID/);
  const indexes = check.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'rate_windows'").all();
  assert.deepEqual(indexes, [], 'no index of keys beside the table');
  check.close();
});

it('adds the console sessions to a file from before migration 26, tied to no pool', async () => {
  const file = fileAt(25);
  const store = new SqliteStore(file);
  await store.consoleSessions.put({ hash: 'h', accessKeyId: 'AKID', createdAt: 1000, expiresAt: 5000 });
  assert.equal((await store.consoleSessions.get('h', 1000))?.accessKeyId, 'AKID');
  await store.close();

  const check = new DatabaseSync(file);
  assert.deepEqual(check.prepare("SELECT * FROM pragma_foreign_key_list('console_sessions')").all(), [], 'no foreign key: a pool deleted takes none with it');
  const indexes = (check.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'console_sessions' AND sql IS NOT NULL").all() as { name: string }[]).map((r) => r.name);
  assert.deepEqual(indexes, ['console_sessions_by_expiry']);
  assert.deepEqual({ ...check.prepare('SELECT name FROM schema_migrations WHERE version = 26').get() }, { name: 'console sessions' });
  check.close();
});
