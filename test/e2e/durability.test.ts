/**
 * An answer leaves only once what it reports is on disk: the SQLite store's commits are flushed
 * (fdatasync of the WAL) off the event loop, and the protocol layer waits for that flush before it
 * answers, successes and errors alike. Here the flush is held, and the answers must wait for it.
 */
import assert from 'node:assert/strict';
import type { FileHandle } from 'node:fs/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateUserPoolCommand, DescribeUserPoolCommand, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { createApp, type App } from '../../src/app/app.ts';
import { loadConfig } from '../../src/app/config/load.ts';
import { SqliteStore } from '../../src/storage/sqlite/store.ts';
import { sdkClient } from './harness.ts';

describe('answers wait until their commits are on disk (SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cognate-durable-'));
  const file = join(dir, 'cognate.db');
  // Flushes go through at once until a test holds them.
  let holding = false;
  const held: { file: FileHandle; done: () => void }[] = [];
  let app: App;
  let cognito: ReturnType<typeof sdkClient>;

  before(async () => {
    const store = new SqliteStore(file, {
      datasync: (f) => (holding ? new Promise<void>((done) => held.push({ file: f, done })) : f.datasync()),
    });
    app = await createApp(loadConfig(['--db', file, '--port', '0', '--log-level', 'silent'], {}), { store });
    cognito = sdkClient(await app.listen());
  });
  after(async () => {
    holding = false;
    for (const h of held.splice(0)) h.done();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function until(cond: () => boolean): Promise<void> {
    for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
    assert.ok(cond());
  }
  const releaseAll = async () => {
    holding = false;
    for (const h of held.splice(0)) {
      await h.file.datasync();
      h.done();
    }
  };

  it('a write is answered after its flush, and a read of it too', async () => {
    holding = true;
    const states: string[] = [];
    const created = cognito.send(new CreateUserPoolCommand({ PoolName: 'held' })).then((r) => (states.push('created'), r));
    await until(() => held.length === 1);
    // The pool is committed (the store shows it) but not yet answered; a listing of it waits too.
    await until(() => states.length === 0);
    // A read of the store waits as well, for the flush of the row it reads.
    let storeRead = false;
    const reading = app.store.pools.list({ limit: 60 }).then((r) => ((storeRead = true), r));
    const listed = cognito.send(new ListUserPoolsCommand({ MaxResults: 10 })).then((r) => (states.push('listed'), r));
    // An error answer waits as well: it may rest on what it read.
    const missing = cognito.send(new DescribeUserPoolCommand({ UserPoolId: 'us-east-1_Nope' })).catch((e: Error) => (states.push('refused'), e));
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(states, [], 'nothing answered while the flush is held');
    assert.equal(storeRead, false);
    await releaseAll();
    const [c, l, m] = await Promise.all([created, listed, missing]);
    assert.equal((await reading).items.length, 1);
    assert.equal(l.UserPools?.[0]?.Id, c.UserPool?.Id);
    assert.equal((m as Error).name, 'ResourceNotFoundException');
  });

  it('answers at once when nothing is waiting for the disk', async () => {
    const r = await cognito.send(new ListUserPoolsCommand({ MaxResults: 10 }));
    assert.equal(r.UserPools?.length, 1);
  });
});
