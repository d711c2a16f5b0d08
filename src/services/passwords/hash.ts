/** A password's slow hash: what the store keeps of it, and how a sign-in checks it. */
import { scrypt as scryptCb, timingSafeEqual, type BinaryLike, type ScryptOptions } from 'node:crypto';
import type { Random } from '../../ground/random.ts';

const scrypt = (password: BinaryLike, salt: BinaryLike, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(password, salt, keylen, options, (e, key) => (e ? reject(e) : resolve(key))));

/**
 * scrypt (N=2^15, r=8, p=1): about 32 MiB and tens of milliseconds per hash, in Node's thread
 * pool so the event loop keeps serving. The parameters travel with the hash, so they can grow later.
 */
const N = 2 ** 15;
const R = 8;
const P = 1;
const MAXMEM = 64 * 1024 * 1024;

/** `scrypt$N$r$p$salt$hash`, over the password in NFC and a fresh 16-byte salt. */
export async function hashPassword(password: string, random: Random): Promise<string> {
  const salt = random.bytes(16);
  const key = await scrypt(password.normalize('NFC'), salt, 32, { N, r: R, p: P, maxmem: MAXMEM });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Whether `password` is the one `stored` hashes, with the parameters it was hashed with. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: MAXMEM });
  return timingSafeEqual(key, expected);
}

/**
 * The hash of no one's password (random bytes, thrown away), with the parameters hashPassword uses
 * (hash.test.ts holds them equal): checking a password against it costs what checking a user's
 * does, so a name no user holds is refused in the time a wrong password takes.
 */
export const DECOY_HASH = 'scrypt$32768$8$1$KYBPcMjqGFIhuZcgq+6YEQ==$bgfIIrv+p9A8OuJOUc7kV+fo5g95z8GdsOm+UuAfhVw=';
