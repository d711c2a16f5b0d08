import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HashLimiter, hashSlots } from './limiter.ts';

/** A task that finishes when the test says so, noting when it starts. */
function gate(started: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<string>((resolve) => (finish = () => resolve(name)));
  return { task: () => (started.push(name), done), finish };
}

describe('the hash limiter', () => {
  it('runs at most its slots at once, and the rest in the order they came', async () => {
    const limiter = new HashLimiter(2, 10);
    const started: string[] = [];
    const gates = ['a', 'b', 'c', 'd', 'e'].map((n) => gate(started, n));
    const finished: string[] = [];
    const runs = gates.map((g) => limiter.run(g.task).then((name) => finished.push(name)));
    await Promise.resolve();
    assert.deepEqual(started, ['a', 'b']);
    assert.deepEqual(limiter.load, { running: 2, waiting: 3 });
    gates[1]!.finish();
    await runs[1];
    assert.deepEqual(started, ['a', 'b', 'c'], 'a freed slot goes to the first waiting');
    gates[2]!.finish();
    gates[0]!.finish();
    await Promise.all([runs[0], runs[2]]);
    assert.deepEqual(started, ['a', 'b', 'c', 'd', 'e']);
    gates[4]!.finish();
    gates[3]!.finish();
    await Promise.all(runs);
    assert.deepEqual(finished, ['b', 'c', 'a', 'e', 'd']);
    assert.deepEqual(limiter.load, { running: 0, waiting: 0 });
  });

  it('refuses beyond its waiting bound as a throttled request, and frees the slot of a task that fails', async () => {
    const limiter = new HashLimiter(1, 2);
    const started: string[] = [];
    const first = gate(started, 'first');
    const running = limiter.run(first.task);
    const waiting = [limiter.run(async () => 'second'), limiter.run(() => Promise.reject(new Error('third failed')))];
    await assert.rejects(limiter.run(async () => 'fourth'), { name: 'TooManyRequestsException', message: 'Rate exceeded' });
    first.finish();
    assert.equal(await running, 'first');
    assert.equal(await waiting[0], 'second');
    await assert.rejects(waiting[1]!, /third failed/);
    assert.deepEqual(limiter.load, { running: 0, waiting: 0 });
    assert.equal(await limiter.run(async () => 'after'), 'after');
  });

  it('takes one slot per CPU, leaving a thread of the pool free', () => {
    assert.equal(hashSlots(2, undefined), 2);
    assert.equal(hashSlots(16, undefined), 3, "libuv's default 4 threads");
    assert.equal(hashSlots(16, '8'), 7);
    assert.equal(hashSlots(1, undefined), 1);
    assert.equal(hashSlots(4, '1'), 1, 'one at least');
    assert.equal(hashSlots(4, 'many'), 3);
  });
});
