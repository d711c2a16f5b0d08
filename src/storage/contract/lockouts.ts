/** The contract for the sign-in lockout's counters (see index.ts for the rest). */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { LOCKOUT } from '../../domain/lockout.ts';
import type { Store } from '../store.ts';

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

    it('locks for 15 minutes at most, and the end of a lock gives no free attempts back', async () => {
      // Each failure as soon as the previous lock ends: the 15th would lock for 2^10 s.
      for (let i = 0; i < 15; i++) assert.equal(await count('k', (await store.lockouts.get('k'))?.lockedUntil ?? 0), true);
      const f = (await store.lockouts.get('k'))!;
      assert.equal(f.failures, 15);
      assert.equal(f.lockedUntil! - f.lastFailureAt, LOCKOUT.maxLockMs);
      assert.equal(await count('k', f.lockedUntil! - 1), false);
      // The lock's end is as long after the last failure as the quiet time that starts again from
      // zero: the next failure still counts as the 16th, and locks again at once for the longest.
      const end = f.lockedUntil!;
      assert.equal(await count('k', end), true);
      assert.deepEqual(await store.lockouts.get('k'), { failures: 16, lastFailureAt: end, lockedUntil: end + LOCKOUT.maxLockMs });
      assert.equal(await count('k', end + 1), false);
    });

    it('counts from one again after 15 minutes without a failure, measured from the end of the lock', async () => {
      for (let i = 0; i < 15; i++) assert.equal(await count('k', (await store.lockouts.get('k'))?.lockedUntil ?? 0), true);
      const end = (await store.lockouts.get('k'))!.lockedUntil!;
      assert.equal(await count('k', end + LOCKOUT.resetAfterMs - 1), true, 'quiet for less than 15 minutes after the lock');
      assert.equal((await store.lockouts.get('k'))!.failures, 16);
      const next = (await store.lockouts.get('k'))!.lockedUntil!;
      assert.equal(await count('k', next + LOCKOUT.resetAfterMs), true);
      assert.deepEqual(await store.lockouts.get('k'), { failures: 1, lastFailureAt: next + LOCKOUT.resetAfterMs, lockedUntil: null });
      // Without a lock, the quiet time runs from the last failure, as AWS has it.
      for (let i = 0; i < 3; i++) await count('q', 1000);
      assert.equal(await count('q', 1000 + LOCKOUT.resetAfterMs), true);
      assert.equal((await store.lockouts.get('q'))!.failures, 1);
    });

    it('counts 40 failures at once one by one: five get through before the lock', async () => {
      const all = await Promise.all(Array.from({ length: 40 }, () => count('race', 5000)));
      assert.equal(all.filter(Boolean).length, 5);
      assert.equal((await store.lockouts.get('race'))!.failures, 5);
    });

    it('forgets a key, and purges keys that no longer count: quiet since their last failure and the end of their lock', async () => {
      await count('a', 1000);
      await count('b', 9000);
      await store.lockouts.clear('a');
      assert.equal(await store.lockouts.get('a'), undefined);
      await count('a', 1000);
      // Locked from 1000 until 1000 + 15 minutes: its failures still count after 5000.
      for (let i = 0; i < 15; i++) await count('locked', (await store.lockouts.get('locked'))?.lockedUntil ?? 0);
      const end = (await store.lockouts.get('locked'))!.lockedUntil!;
      assert.equal(await store.lockouts.purgeBefore(5000), 1);
      assert.equal(await store.lockouts.get('a'), undefined);
      assert.equal((await store.lockouts.get('b'))!.failures, 1);
      assert.equal(await store.lockouts.purgeBefore(end), 1, 'b');
      assert.equal((await store.lockouts.get('locked'))!.failures, 15);
      assert.equal(await store.lockouts.purgeBefore(end + 1), 1);
      assert.equal(await store.lockouts.get('locked'), undefined);
    });
  });
}
