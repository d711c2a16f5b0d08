/** The contract for the sign-in lockout's counters (see index.ts for the rest). */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { LOCKOUT } from '../../domain/lockout.ts';
import type { Store } from '../store.ts';

const MINUTES = 60_000;

export function lockoutsContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract (lockouts): ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(() => store.close());
    const count = (key: string, now: number) => store.lockouts.count(key, now, LOCKOUT);

    it('locks from the fifth failure in a row, for a time that doubles; locked attempts do not count', async () => {
      for (let i = 0; i < 5; i++) assert.equal(await count('k', 1000), true, `failure ${i + 1}`);
      assert.deepEqual(await store.lockouts.get('k'), { failures: 5, lastFailureAt: 1000, lockedUntil: 2000 });
      assert.equal(await count('k', 1999), false, 'locked for 1 s');
      assert.equal(await count('k', 2000), true, 'the sixth failure');
      assert.deepEqual(await store.lockouts.get('k'), { failures: 6, lastFailureAt: 2000, lockedUntil: 4000 });
      assert.equal(await count('k', 3999), false);
      assert.equal(await count('k', 4000), true);
      assert.equal((await store.lockouts.get('k'))!.lockedUntil, 8000);
      assert.equal(await count('other', 4000), true, 'keys are counted apart');
    });

    it('locks for 15 minutes at most, and counts from one again 15 minutes after the last failure', async () => {
      // Each failure as soon as the previous lock ends: the 15th would lock for 2^10 s.
      for (let i = 0; i < 15; i++) assert.equal(await count('k', (await store.lockouts.get('k'))?.lockedUntil ?? 0), true);
      const f = (await store.lockouts.get('k'))!;
      assert.equal(f.failures, 15);
      assert.equal(f.lockedUntil! - f.lastFailureAt, LOCKOUT.maxLockMs);
      assert.equal(await count('k', f.lockedUntil! - 1), false);
      assert.equal(await count('k', f.lastFailureAt + 15 * MINUTES), true);
      assert.deepEqual(await store.lockouts.get('k'), { failures: 1, lastFailureAt: f.lastFailureAt + 15 * MINUTES, lockedUntil: null });
    });

    it('counts 40 failures at once one by one: five get through before the lock', async () => {
      const all = await Promise.all(Array.from({ length: 40 }, () => count('race', 5000)));
      assert.equal(all.filter(Boolean).length, 5);
      assert.equal((await store.lockouts.get('race'))!.failures, 5);
    });

    it('forgets a key, and purges keys whose last failure is old', async () => {
      await count('a', 1000);
      await count('b', 9000);
      await store.lockouts.clear('a');
      assert.equal(await store.lockouts.get('a'), undefined);
      await count('a', 1000);
      assert.equal(await store.lockouts.purgeBefore(5000), 1);
      assert.equal(await store.lockouts.get('a'), undefined);
      assert.equal((await store.lockouts.get('b'))!.failures, 1);
    });
  });
}
