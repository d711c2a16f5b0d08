/**
 * `cognate reseal` for user records: the password record (slow hash and SRP verifier) and the
 * TOTP secrets (the verified authenticator and one pending verification), in one write per user.
 * A user written meanwhile is read again and resealed, so a concurrent change is never undone.
 */
import { userMfa, type SoftwareToken, type UserMfaSettings } from '../domain/mfa.ts';
import type { PoolRecord } from '../domain/pool.ts';
import { userKeys, type UserRecord } from '../domain/user.ts';
import { resealPassword } from '../services/passwords/sealed.ts';
import { isSealed, SealedValueError, type Sealer } from '../services/sealing/sealer.ts';
import type { Store } from '../storage/store.ts';
import { resealOutcome, type Outcome } from './reseal-count.ts';

/** What resealing one user came to, per kind (no password: no outcome for it). */
export interface UserOutcomes {
  password?: Outcome;
  totpSecrets: Outcome[];
}

const TOKENS = ['SoftwareToken', 'PendingSoftwareToken'] as const;
const TRIES = 10;

/** The user's record resealed (undefined: nothing to write), and the outcome of each value. */
export function resealedUser(sealer: Sealer, user: UserRecord): { next?: UserRecord; outcomes: UserOutcomes } {
  const outcomes: UserOutcomes = { totpSecrets: [] };
  let next: UserRecord | undefined;
  if (user.password) {
    try {
      const password = resealPassword(sealer, user.password);
      outcomes.password = password ? { sealed: password.hash, wasClear: !isSealed(user.password.hash) } : 'current';
      if (password) next = { ...user, password };
    } catch (e) {
      if (!(e instanceof SealedValueError)) throw e;
      outcomes.password = e;
    }
  }
  const settings: UserMfaSettings = { ...userMfa(user) };
  let tokensChanged = false;
  for (const which of TOKENS) {
    const token: SoftwareToken | undefined = settings[which];
    if (!token) continue;
    const o = resealOutcome(sealer, token.secret, 'totp-secret');
    outcomes.totpSecrets.push(o);
    if (typeof o === 'object' && !(o instanceof SealedValueError)) {
      settings[which] = { ...token, secret: o.sealed };
      tokensChanged = true;
    }
  }
  if (tokensChanged) next = { ...(next ?? user), settings: { ...user.settings, ...settings } };
  return { next, outcomes };
}

/**
 * Reseals the user's secrets, reading the user again when another write came first. The outcomes
 * of the write that took effect; none when the user is gone meanwhile.
 */
export async function resealUser(store: Store, sealer: Sealer, pool: PoolRecord, read: UserRecord): Promise<UserOutcomes> {
  let user: UserRecord | undefined = read;
  for (let tries = 0; user && tries < TRIES; tries++) {
    const { next, outcomes } = resealedUser(sealer, user);
    // Bookkeeping: the record as it was (UserLastModifiedDate included), its secrets sealed anew.
    if (!next || (await store.users.update(next, userKeys(pool.config, next)))) return outcomes;
    user = await store.users.get(pool.id, user.sub);
  }
  if (!user) return { totpSecrets: [] };
  throw new Error(`user ${user.sub} of ${pool.id} was written ${TRIES} times while it was being resealed; run cognate reseal again`);
}
