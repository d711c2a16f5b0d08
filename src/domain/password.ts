import { scrypt as scryptCb, timingSafeEqual, type BinaryLike, type ScryptOptions } from 'node:crypto';
import { passwordNeedsLowercase, passwordNeedsNumber, passwordNeedsSymbol, passwordNeedsUppercase, passwordTooShort } from '../errors/index.ts';
import { randomString } from '../ground/ids.ts';
import type { Random } from '../ground/random.ts';
import type { PoolConfig } from './pool.ts';

const scrypt = (password: BinaryLike, salt: BinaryLike, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(password, salt, keylen, options, (e, key) => (e ? reject(e) : resolve(key))));

/** The special characters Cognito counts as symbols. */
export const SYMBOLS = '^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+- ';

export type PasswordPolicy = NonNullable<NonNullable<PoolConfig['Policies']>['PasswordPolicy']>;

const DEFAULT_POLICY: PasswordPolicy = { MinimumLength: 8, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true, TemporaryPasswordValidityDays: 7 };

export const policyOf = (pool: PoolConfig): PasswordPolicy => pool.Policies?.PasswordPolicy ?? DEFAULT_POLICY;

/** Refuses a password that breaks the pool's policy, with Cognito's first complaint. */
export function checkPasswordPolicy(pool: PoolConfig, password: string): void {
  const p = policyOf(pool);
  if ([...password].length < (p.MinimumLength ?? 8)) throw passwordTooShort();
  if (p.RequireLowercase && !/\p{Ll}/u.test(password)) throw passwordNeedsLowercase();
  if (p.RequireUppercase && !/\p{Lu}/u.test(password)) throw passwordNeedsUppercase();
  if (p.RequireNumbers && !/[0-9]/.test(password)) throw passwordNeedsNumber();
  if (p.RequireSymbols && ![...password].some((c) => SYMBOLS.includes(c))) throw passwordNeedsSymbol();
}

/**
 * scrypt (N=2^15, r=8, p=1): about 32 MiB and tens of milliseconds per hash, in Node's thread
 * pool so the event loop keeps serving. The parameters travel with the hash, so they can grow later.
 */
const N = 2 ** 15;
const R = 8;
const P = 1;
const MAXMEM = 64 * 1024 * 1024;

export async function hashPassword(password: string, random: Random): Promise<string> {
  const salt = random.bytes(16);
  const key = await scrypt(password.normalize('NFC'), salt, 32, { N, r: R, p: P, maxmem: MAXMEM });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: MAXMEM });
  return timingSafeEqual(key, expected);
}

/** A temporary password that meets the pool's policy (AdminCreateUser without TemporaryPassword). */
export function generateTemporaryPassword(pool: PoolConfig, random: Random): string {
  const p = policyOf(pool);
  const length = Math.max(p.MinimumLength ?? 8, 12);
  const required = [
    randomString(random, 'ABCDEFGHJKLMNPQRSTUVWXYZ', 1),
    randomString(random, 'abcdefghijkmnpqrstuvwxyz', 1),
    randomString(random, '23456789', 1),
    randomString(random, '^$*.!@#%&?', 1),
  ];
  const rest = randomString(random, 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789', length - required.length);
  // Interleave so the required classes are not always at the front.
  const chars = [...rest];
  for (const c of required) chars.splice(random.bytes(1)[0] % (chars.length + 1), 0, c);
  return chars.join('');
}
