import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, it } from 'node:test';
import { Checkpointer } from './checkpointer.ts';
import { SqliteStore } from './store.ts';

const dir = mkdtempSync(join(tmpdir(), 'cognate-checkpoint-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('checkpoints off the event loop', () => {
  it("copies committed pages into the database file from its own thread, never from the store's connection", async () => {
    const file = join(dir, 'copied.db');
    const store = new SqliteStore(file);
    const before = statSync(file).size;
    // Some 400 pages of pools, in many commits: SQLite's own checkpoint (were it on) would wait for 1,000.
    for (let i = 0; i < 40; i++) {
      await Promise.all(Array.from({ length: 10 }, (_, j) => store.pools.create({ id: `us-east-1_P${i}x${j}`, name: 'p', createdAt: 0, lastModifiedAt: 0, config: { EmailVerificationMessage: 'x'.repeat(4000) } })));
    }
    await until(() => statSync(file).size > before + 400 * 4096 * 0.8);
    // What the thread copied is what was committed: a second connection reads it all.
    const other = new DatabaseSync(file, { readOnly: true });
    assert.equal((other.prepare('SELECT count(*) AS n FROM pools').get() as { n: number }).n, 400);
    other.close();
    await store.close();
  });

  it('goes back to SQLite checkpoints when its thread cannot checkpoint', async () => {
    const file = join(dir, 'not-a-database.db');
    writeFileSync(file, 'this is not an SQLite file, and is long enough to be read as one. '.repeat(20));
    const reasons: string[] = [];
    const checkpointer = new Checkpointer(file, (why) => reasons.push(why));
    checkpointer.wrote();
    await until(() => reasons.length > 0);
    assert.match(reasons[0], /checkpoint/);
    checkpointer.wrote(); // after falling back, nothing more is asked of the thread
    await checkpointer.close();
    assert.equal(reasons.length, 1);
  });
});
