/** The contract's part on user import jobs, their CSV chunks and their logs (see index.ts). */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { ImportJobRecord } from '../../domain/import-job.ts';
import { StoreConflict } from '../repositories/conflicts.ts';
import type { Store } from '../store.ts';

const pool = (id: string) => ({ id, name: id, createdAt: 1, lastModifiedAt: 1, config: {} });
const job = (jobId: string, poolId = 'us-east-1_a', over: Partial<ImportJobRecord> = {}): ImportJobRecord => ({
  poolId, jobId, jobName: 'j', cloudWatchLogsRoleArn: 'arn:aws:iam::000000000000:role/r', status: 'Created', createdAt: 10, startedAt: null, completedAt: null,
  imported: 0, skipped: 0, failed: 0, completionMessage: null, uploadToken: 't', uploadExpiresAt: 20, upload: null, rowsDone: 0, leaseUntil: null, ...over,
});

export function importJobsContract(name: string, open: () => Promise<Store>): void {
  describe(`${name}: user import jobs`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
      await store.pools.create(pool('us-east-1_a'));
      await store.pools.create(pool('us-east-1_b'));
    });
    afterEach(() => store.close());

    it('keeps a job whole, by pool and by id alone; ids are unique on the server', async () => {
      const j = job('import-a', 'us-east-1_a', { upload: { id: 'u1', bytes: 5 }, rowsDone: 3 });
      await store.importJobs.create(j);
      await assert.rejects(store.importJobs.create(job('import-a', 'us-east-1_b')), StoreConflict);
      assert.deepEqual(await store.importJobs.get('us-east-1_a', 'import-a'), j);
      assert.equal(await store.importJobs.get('us-east-1_b', 'import-a'), undefined);
      assert.deepEqual(await store.importJobs.find('import-a'), j);
      const changed = { ...j, status: 'InProgress' as const, imported: 2, leaseUntil: 99, completionMessage: 'm' };
      assert.equal(await store.importJobs.update(changed), true);
      assert.deepEqual(await store.importJobs.find('import-a'), changed);
      assert.equal(await store.importJobs.update(job('import-none')), false);
    });

    it('lists newest first in pages, counts unfinished jobs, finds due and stale ones', async () => {
      for (const id of ['import-1', 'import-2', 'import-3']) await store.importJobs.create(job(id));
      await store.importJobs.update(job('import-1', 'us-east-1_a', { status: 'Succeeded' }));
      await store.importJobs.update(job('import-2', 'us-east-1_a', { status: 'InProgress', leaseUntil: 50 }));
      const first = await store.importJobs.list('us-east-1_a', { limit: 2 });
      assert.deepEqual(first.items.map((j) => j.jobId), ['import-3', 'import-2']);
      const second = await store.importJobs.list('us-east-1_a', { limit: 2, after: first.next });
      assert.deepEqual(second.items.map((j) => j.jobId), ['import-1']);
      assert.equal(second.next, undefined);
      assert.equal(await store.importJobs.countUnfinished('us-east-1_a'), 2);
      assert.deepEqual((await store.importJobs.due(40, 10)).map((j) => j.jobId), []);
      assert.deepEqual((await store.importJobs.due(60, 10)).map((j) => j.jobId), ['import-2']);
      assert.deepEqual((await store.importJobs.unstartedBefore(11, 10)).map((j) => j.jobId), ['import-3']);
      assert.deepEqual(await store.importJobs.unstartedBefore(10, 10), []);
    });

    it('keeps chunks by upload, deletes one upload or all others, and a log in order; all go with the pool', async () => {
      await store.importJobs.create(job('import-c'));
      await store.importJobs.putChunk('import-c', 'u1', 1, Buffer.from('ab'));
      await store.importJobs.putChunk('import-c', 'u2', 1, Buffer.from('cd'));
      assert.deepEqual(Buffer.from((await store.importJobs.chunk('import-c', 'u1', 1))!), Buffer.from('ab'));
      assert.equal(await store.importJobs.chunk('import-c', 'u1', 2), undefined);
      await store.importJobs.deleteChunks('import-c', { except: 'u2' });
      assert.equal(await store.importJobs.chunk('import-c', 'u1', 1), undefined);
      assert.ok(await store.importJobs.chunk('import-c', 'u2', 1));
      await store.importJobs.deleteChunks('import-c', { only: 'u2' });
      assert.equal(await store.importJobs.chunk('import-c', 'u2', 1), undefined);

      await store.importJobs.appendLog('import-c', [{ at: 1, message: 'a' }, { at: 2, message: 'b' }]);
      await store.importJobs.appendLog('import-c', [{ at: 3, message: 'c' }]);
      const page = await store.importJobs.log('import-c', { limit: 2 });
      assert.deepEqual(page.items, [{ at: 1, message: 'a' }, { at: 2, message: 'b' }]);
      assert.deepEqual((await store.importJobs.log('import-c', { limit: 2, after: page.next })).items, [{ at: 3, message: 'c' }]);

      await store.importJobs.putChunk('import-c', 'u3', 1, Buffer.from('ef'));
      await store.pools.delete('us-east-1_a');
      assert.equal(await store.importJobs.find('import-c'), undefined);
      assert.equal(await store.importJobs.chunk('import-c', 'u3', 1), undefined);
      assert.deepEqual((await store.importJobs.log('import-c', { limit: 5 })).items, []);
    });
  });
}
