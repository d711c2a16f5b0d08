// The group SRP works in (the client's initN and g) and exponentiation in it, done by OpenSSL:
// V8's BigInt takes some 20 ms of the event loop for a 2,048-bit exponent, OpenSSL about 7 ms.
import { createDiffieHellman } from 'node:crypto';

/** RFC 3526's 3072-bit MODP group (a safe prime). */
export const N = BigInt(
  '0xFFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B2251' +
    '4A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C' +
    '42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007C' +
    'B8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED52907' +
    '7096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC' +
    '07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AAA' +
    'C42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4' +
    'C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64' +
    '521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B' +
    '82D120A93AD2CAFFFFFFFFFFFFFFFF',
);
export const g = 2n;

/**
 * What OpenSSL reduces by: a multiple of N, so that reducing its results mod N gives the results
 * mod N. Not N itself, because Node tests a Diffie-Hellman prime for primality whenever one is
 * made (1.4 s for N, blocking); a multiple fails that test at once (its factor 3 is found by
 * trial division), and Node only records the failure in verifyError. 3,583 bits, 56 64-bit
 * words: OpenSSL's fastest Montgomery code wants a multiple of 8 words, which makes this one
 * quicker than 3·N's 49.
 */
const MODULUS = toBuffer(((1n << 511n) + 1n) * N);
const N_MINUS_1 = N - 1n;

function toBuffer(n: bigint): Buffer {
  const hex = n.toString(16);
  return Buffer.from(hex.length % 2 === 1 ? `0${hex}` : hex, 'hex');
}

/**
 * base^exponent mod N. The Diffie-Hellman object's generator is the base and its private key the
 * exponent, so its public key is the power (OpenSSL's constant-time exponentiation, synchronous).
 */
export function modPow(base: bigint, exponent: bigint): bigint {
  if (exponent < 0n) throw new Error('srp: negative exponent');
  base %= N;
  if (base < 0n) base += N;
  // Fermat (N is prime): a non-zero base's powers repeat every N-1, so the exponent stays below N.
  if (base !== 0n) exponent %= N_MINUS_1;
  if (exponent === 0n) return 1n;
  // OpenSSL refuses a generator below 2 and a private key of 0.
  if (base <= 1n) return base;
  const dh = createDiffieHellman(MODULUS, toBuffer(base));
  dh.setPrivateKey(toBuffer(exponent));
  const power = dh.generateKeys();
  return power.length === 0 ? 0n : BigInt(`0x${power.toString('hex')}`) % N;
}
