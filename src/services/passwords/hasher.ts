/**
 * The password hashing a server does: under its configured parameters (`passwordHashing`: fast in
 * development, strong in production), every hash and check through one limiter, and a decoy for
 * names no user holds.
 */
import type { PasswordHashing } from '../../ground/config/config.ts';
import type { Random } from '../../ground/random.ts';
import { FAST, STRONG, formatHash, isWeaker, matches, derive, parseHash, type HashParameters, type ParsedHash } from './hash.ts';
import type { HashLimiter } from './limiter.ts';

export interface PasswordHasher {
  readonly parameters: HashParameters;
  /** A fresh hash of the password, with a 16-byte salt, under the current parameters. */
  hash(password: string): Promise<string>;
  /**
   * Whether `password` is the one `stored` hashes. With null (no user, or no password), checked
   * against a decoy under the current parameters, so that the answer, false, takes as long.
   */
  verify(password: string, stored: string | null): Promise<boolean>;
  /** Whether `stored` was made under weaker parameters than the current ones (to be made again). */
  isWeaker(stored: string): boolean;
}

const SALT_BYTES = 16;
const KEY_BYTES = 32;

export function parametersFor(hashing: PasswordHashing): HashParameters {
  return hashing === 'strong' ? STRONG : FAST;
}

export function createPasswordHasher(options: { parameters: HashParameters; random: Random; limiter: HashLimiter }): PasswordHasher {
  const { parameters, random, limiter } = options;
  // The hash of no one's password (random bytes, thrown away): checking against it costs what
  // checking a user's does.
  const decoy: ParsedHash = { parameters, salt: random.bytes(SALT_BYTES), key: random.bytes(KEY_BYTES) };
  return {
    parameters,
    async hash(password) {
      const salt = random.bytes(SALT_BYTES);
      const key = await limiter.run(() => derive(parameters, password, salt, KEY_BYTES));
      return formatHash({ parameters, salt, key });
    },
    async verify(password, stored) {
      const parsed = stored === null ? decoy : parseHash(stored);
      if (!parsed) return false;
      return (await limiter.run(() => matches(password, parsed))) && parsed !== decoy;
    },
    isWeaker(stored) {
      const parsed = parseHash(stored);
      return parsed !== undefined && isWeaker(parsed.parameters, parameters);
    },
  };
}
