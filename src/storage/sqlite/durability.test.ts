import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, it } from 'node:test';
import { SqliteStore } from './store.ts';

const dir = mkdtempSync(join(tmpdir(), 'cognate-durability-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** A stand-in for fdatasync that holds each flush until the test lets it go, and counts them. */
function heldFlushes() {
  const pending: { file: FileHandle; done: (e?: Error) => void }[] = [];
  let started = 0;
  return {
    datasync: (file: FileHandle) =>
      new Promise<void>((resolve, reject) => {
        started++;
        pending.push({ file, done: (e) => (e ? reject(e) : resolve()) });
      }),
    get started() {
      return started;
    },
    get pending() {
      return pending.length;
    },
    /** Lets the oldest held flush finish, for real (so the data is on disk when the test says so). */
    async release(error?: Error) {
      const p = pending.shift();
      assert.ok(p, 'a flush is in progress');
      if (!error) await p.file.datasync();
      p.done(error);
    },
  };
}

const pool = (id: string) => ({ id, name: id, createdAt: 1, lastModifiedAt: 1, config: {} });
const settle = () => new Promise((r) => setTimeout(r, 20));
/** Waits (a few seconds at most) until `cond` holds: the flush starts after a file open on the thread pool. */
async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(cond(), what);
}

describe('SQLite durability: a caller is answered only once its commit is on disk', () => {
  it('holds the answer until the WAL flush that follows the commit has finished', async () => {
    const flushes = heldFlushes();
    const file = join(dir, `d${n++}.db`);
    const store = new SqliteStore(file, { datasync: flushes.datasync });
    let answered = false;
    const write = store.pools.create(pool('us-east-1_A')).then(() => (answered = true));
    await until(() => flushes.started === 1, 'the commit asked for one flush');
    assert.equal(answered, false, 'not answered while the flush runs');
    // Committed already (another connection sees it), only not answered yet.
    const other = new DatabaseSync(file, { readOnly: true });
    assert.equal((other.prepare('SELECT count(*) AS n FROM pools').get() as { n: number }).n, 1);
    other.close();
    await flushes.release();
    await write;
    assert.equal(answered, true);
    await store.close();
  });

  it('a read waits for the flush of the commits before it, not for later ones; writes made meanwhile share the next commit and flush', async () => {
    const flushes = heldFlushes();
    const file = join(dir, `d${n++}.db`);
    const store = new SqliteStore(file, { datasync: flushes.datasync });
    const first = store.pools.create(pool('us-east-1_B0'));
    await until(() => flushes.started === 1, 'the first commit asked for a flush');
    // The row is committed, so a read sees it; its caller gets it once the row is on disk.
    let read = false;
    const reading = store.pools.get('us-east-1_B0').then((p) => ((read = true), p));
    // Its group commits after this turn, having only read (a writer in this turn would join it).
    await new Promise((r) => setImmediate(r));
    // Three more writers in later turns, while the first flush is held: they join one transaction,
    // committed when the flush ends.
    const later: Promise<unknown>[] = [];
    for (let i = 1; i <= 3; i++) {
      later.push(store.pools.create(pool(`us-east-1_B${i}`)));
      await new Promise((r) => setImmediate(r));
    }
    await settle();
    assert.equal(flushes.started, 1, 'no second flush while one runs');
    assert.equal(read, false, 'the read waits for the flush of the row it read');
    const other = new DatabaseSync(file, { readOnly: true });
    assert.equal((other.prepare('SELECT count(*) AS n FROM pools').get() as { n: number }).n, 1, 'the three are not committed yet');
    await flushes.release();
    await first;
    assert.equal((await reading)?.name, 'us-east-1_B0');
    await until(() => flushes.started === 2, 'a second flush');
    // The read is answered while the later writers' flush is still held: it could not have seen them.
    assert.equal(flushes.pending, 1);
    assert.equal((other.prepare('SELECT count(*) AS n FROM pools').get() as { n: number }).n, 4, 'the three committed together');
    other.close();
    // settled() waits for everything committed so far.
    let settled = false;
    const settling = store.settled().then(() => (settled = true));
    await settle();
    assert.equal(flushes.started, 2, 'one flush for the three');
    assert.equal(settled, false);
    await flushes.release();
    await Promise.all([...later, settling]);
    // Nothing written since: a read and settled() go on at once, without a flush.
    await store.pools.get('us-east-1_B3');
    await store.settled();
    assert.equal(flushes.started, 2);
    await store.close();
  });

  it('a failed flush fails its callers and every later operation, until a restart', async () => {
    const flushes = heldFlushes();
    const file = join(dir, `d${n++}.db`);
    const store = new SqliteStore(file, { datasync: flushes.datasync });
    const write = store.pools.create(pool('us-east-1_C'));
    await until(() => flushes.started === 1, 'a flush');
    await flushes.release(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    await assert.rejects(write, /could not be flushed to disk; restart Cognate: EIO/);
    await assert.rejects(store.pools.get('us-east-1_C'), /could not be flushed/);
    await assert.rejects(store.settled(), /could not be flushed/);
    await assert.rejects(store.ping(), /could not be flushed/);
    await store.close();
    // After a restart the store works again, from what SQLite finds in the file.
    const again = new SqliteStore(file);
    await again.pools.create(pool('us-east-1_D'));
    assert.ok(await again.pools.get('us-east-1_D'));
    await again.close();
  });
});
