import { passwordNeedsLowercase, passwordNeedsNumber, passwordNeedsSymbol, passwordNeedsUppercase, passwordTooShort } from '../errors/index.ts';
import { randomString } from '../ground/ids.ts';
import type { Random } from '../ground/random.ts';
import type { PoolConfig } from './pool.ts';

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
