import assert from 'node:assert/strict';
import { getDiffieHellman, randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { modPow, N } from './srp-group.ts';

/** Square and multiply in BigInt: slow, plainly right. */
function referencePow(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let square = ((base % N) + N) % N;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * square) % N;
    square = (square * square) % N;
  }
  return result;
}

const random = (bytes: number): bigint => (bytes === 0 ? 0n : BigInt(`0x${randomBytes(bytes).toString('hex')}`));

test('N is RFC 3526 group 15, the prime OpenSSL knows as modp15', () => {
  assert.equal(N, BigInt(`0x${getDiffieHellman('modp15').getPrime('hex')}`));
});

test('modPow agrees with square and multiply on random bases and exponents of every size SRP uses', () => {
  // The exponents SRP raises to: x and u (256 bits), b (2,048), a client's a (1,024), and beyond N.
  const exponentBytes = [1, 2, 31, 32, 128, 256, 383, 384, 385, 512];
  for (const bytes of exponentBytes) {
    for (let i = 0; i < 3; i++) {
      const base = random(1 + ((bytes * 7 + i * 131) % 400));
      const exponent = random(bytes);
      assert.equal(modPow(base, exponent), referencePow(base, exponent), `base ${base.toString(16)} exponent ${exponent.toString(16)}`);
    }
  }
});

test('modPow on the edges: bases 0, 1, N-1, N and beyond, exponents 0, 1, N-1, N', () => {
  const bases = [0n, 1n, 2n, N - 1n, N, N + 1n, 2n * N, 3n * N - 1n, random(500), random(384) | (1n << 3071n)];
  const exponents = [0n, 1n, 2n, 3n, N - 2n, N - 1n, N, N + 1n, random(32)];
  for (const base of bases) {
    for (const exponent of exponents) {
      assert.equal(modPow(base, exponent), referencePow(base, exponent), `base ${base.toString(16)} exponent ${exponent.toString(16)}`);
    }
  }
});

test('modPow gives results with leading zero bytes whole', () => {
  // Small powers of 2 have most of N's bytes zero; a power just below N has none.
  for (const exponent of [1n, 7n, 8n, 9n, 255n, 3071n]) assert.equal(modPow(2n, exponent), 2n ** exponent % N);
  assert.equal(modPow(N - 2n, 1n), N - 2n);
});

test('modPow refuses a negative exponent', () => {
  assert.throws(() => modPow(2n, -1n), /negative exponent/);
});
