/**
 * `cognate reseal`: every password record and signing key sealed under the current master key
 * (those in clear from before sealing existed, too), so that an earlier key can be removed from
 * the configuration. Safe while servers run on the same database: a user written meanwhile is
 * read again and resealed, and what a server writes is sealed under its own current key.
 */
import { pino } from 'pino';
import type { PoolRecord } from '../domain/pool.ts';
import type { Config } from '../ground/config/config.ts';
import { cryptoRandom } from '../ground/random.ts';
import { systemClock } from '../ground/clock.ts';
import { userKeys, type UserRecord } from '../domain/user.ts';
import { resealPassword } from '../services/passwords/sealed.ts';
import { loadSealer } from '../services/sealing/master-keys.ts';
import { isSealed, SealedValueError, type Sealer } from '../services/sealing/sealer.ts';
import type { Store } from '../storage/store.ts';
import { openStore } from './app.ts';

export interface ResealCount {
  /** Sealed anew under the current key. */
  resealed: number;
  /** Of those, how many were in clear. */
  wereClear: number;
  /** Already under the current key. */
  current: number;
  /** Under a key that is not configured: they stay as they are. */
  unopenable: number;
}

export interface ResealReport {
  currentKeyId: string;
  passwords: ResealCount;
  signingKeys: ResealCount;
  /** Messages still waiting to be delivered, each sealed under the key current when it was written. */
  undeliveredMessages: number;
  /** The ids of the keys that sealed what could not be opened. */
  missingKeyIds: string[];
}

const PAGE = 500;
const count = (): ResealCount => ({ resealed: 0, wereClear: 0, current: 0, unopenable: 0 });

export async function resealStore(store: Store, sealer: Sealer): Promise<ResealReport> {
  const report: ResealReport = { currentKeyId: sealer.currentKeyId, passwords: count(), signingKeys: count(), undeliveredMessages: 0, missingKeyIds: [] };
  const missing = new Set<string>();
  /** Runs `reseal`, counting it; a value no configured key opens is counted and left. */
  const attempt = async (c: ResealCount, wasClear: boolean, reseal: () => Promise<boolean>) => {
    try {
      if (!(await reseal())) return void c.current++;
      c.resealed++;
      if (wasClear) c.wereClear++;
    } catch (e) {
      if (!(e instanceof SealedValueError)) throw e;
      c.unopenable++;
      missing.add(e.keyId ?? 'unnamed (v1)');
    }
  };
  let after: string | undefined;
  do {
    const page = await store.pools.list({ limit: 100, after });
    for (const pool of page.items) {
      for (const key of await store.signingKeys.list(pool.id)) {
        await attempt(report.signingKeys, !isSealed(key.privateKeyEnc), async () => {
          if (sealer.isCurrent(key.privateKeyEnc)) return false;
          await store.signingKeys.reseal(pool.id, key.kid, sealer.seal(sealer.open(key.privateKeyEnc, 'signing-key'), 'signing-key'));
          return true;
        });
      }
      await resealUsers(store, pool, (user) => attempt(report.passwords, !isSealed(user.password!.hash), () => resealUser(store, sealer, pool, user)));
    }
    after = page.next;
  } while (after);
  const counts = await store.messages.countByStatus();
  report.undeliveredMessages = counts.queued + counts.sending;
  report.missingKeyIds = [...missing];
  return report;
}

async function resealUsers(store: Store, pool: PoolRecord, each: (user: UserRecord) => Promise<void>): Promise<void> {
  let after: string | undefined;
  do {
    const page = await store.users.list(pool.id, undefined, { limit: PAGE, after });
    for (const user of page.items) if (user.password) await each(user);
    after = page.next;
  } while (after);
}

/** Writes the user's password record resealed, reading the user again when another write came first; false when there was nothing to do. */
async function resealUser(store: Store, sealer: Sealer, pool: PoolRecord, read: UserRecord): Promise<boolean> {
  let user: UserRecord | undefined = read;
  for (let tries = 0; user?.password && tries < 10; tries++) {
    const password = resealPassword(sealer, user.password);
    if (!password) return false;
    const next = { ...user, password };
    if (await store.users.update(next, userKeys(pool.config, next))) return true;
    user = await store.users.get(pool.id, user.sub);
  }
  return false;
}

/** Opens the configured store and master keys, as `serve` would, and reseals it. */
export async function resealConfigured(config: Config): Promise<ResealReport> {
  const store = await openStore(config, pino({ level: 'warn' }, pino.destination(2)));
  try {
    const { sealer } = await loadSealer(config, store.secrets, cryptoRandom, systemClock);
    return await resealStore(store, sealer);
  } finally {
    await store.close();
  }
}
