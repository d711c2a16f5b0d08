import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { FAST, STRONG, parseHash } from './hash.ts';
import { createPasswordHasher, parametersFor } from './hasher.ts';
import { HashLimiter } from './limiter.ts';

const random = { bytes: (n: number) => randomBytes(n) };
const hasher = (parameters = FAST, limiter = new HashLimiter(2, 10)) => createPasswordHasher({ parameters, random, limiter });

describe('the password hasher', () => {
  it("hashes under the configured parameters: development's fast, production's strong", async () => {
    assert.deepEqual(parametersFor('fast'), FAST);
    assert.deepEqual(parametersFor('strong'), STRONG);
    const fast = hasher(FAST);
    const stored = await fast.hash('Correct-h0rse');
    assert.match(stored, /^\$argon2id\$v=19\$m=64,t=1,p=1\$/);
    assert.equal(await fast.verify('Correct-h0rse', stored), true);
    assert.equal(await fast.verify('Correct-h0rse!', stored), false);
    assert.equal(await fast.verify('Correct-h0rse', 'not-a-hash'), false);
  });

  it('verifies a hash made under other parameters by the ones it records, and tells it weaker or not', async () => {
    const fromDevelopment = await hasher(FAST).hash('Correct-h0rse');
    const strong = hasher(STRONG);
    assert.equal(await strong.verify('Correct-h0rse', fromDevelopment), true);
    assert.equal(strong.isWeaker(fromDevelopment), true);
    const fromProduction = await strong.hash('Correct-h0rse');
    assert.equal(strong.isWeaker(fromProduction), false);
    assert.equal(await hasher(FAST).verify('Correct-h0rse', fromProduction), true);
    assert.equal(hasher(FAST).isWeaker(fromProduction), false, 'a development server never downgrades');
    assert.equal(strong.isWeaker('not-a-hash'), false, 'what it cannot read, it leaves');
  });

  it('refuses every password for no one (a decoy under the current parameters), and waits its turn for the limiter as hashes and checks do', async () => {
    const finished: string[] = [];
    const limiter = new HashLimiter(1, 10);
    let release!: () => void;
    const blocker = limiter.run(() => new Promise<void>((resolve) => (release = resolve)));
    const h = hasher(STRONG, limiter);
    const decoy = h.verify('Correct-h0rse', null).then((ok) => (finished.push('decoy'), ok));
    const hash = h.hash('Correct-h0rse').then((stored) => (finished.push('hash'), stored));
    await Promise.resolve();
    assert.deepEqual(limiter.load, { running: 1, waiting: 2 }, 'both wait their turn');
    release();
    await blocker;
    assert.equal(await decoy, false);
    assert.deepEqual(parseHash(await hash)!.parameters, STRONG);
    assert.deepEqual(finished, ['decoy', 'hash'], 'in the order they came');
  });
});
