/** Password hashes as earlier versions of Cognate wrote them, for tests that a pool keeps working. */
import { randomBytes } from 'node:crypto';
import { derive, formatHash, type HashParameters } from '../../src/services/passwords/hash.ts';

/** scrypt N=2^15, r=8, p=1: every hash Cognate wrote before argon2id. */
export const LEGACY_SCRYPT: HashParameters = { algorithm: 'scrypt', N: 2 ** 15, r: 8, p: 1 };

/** `scrypt$32768$8$1$<salt>$<hash>`, as Cognate wrote it. */
export async function legacyScryptHash(password: string): Promise<string> {
  const salt = randomBytes(16);
  return formatHash({ parameters: LEGACY_SCRYPT, salt, key: await derive(LEGACY_SCRYPT, password, salt, 32) });
}
