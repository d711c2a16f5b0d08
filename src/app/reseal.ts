/**
 * `cognate reseal`: every sealed value the store keeps — password records, TOTP secrets, remembered
 * devices' verifiers, passkeys' public keys, identity providers' secrets, signing keys — sealed under the current master key
 * (those in clear, too), so that an earlier key can be removed from the configuration. Safe while
 * servers run on the same database: a value is written only over the one read (a user written
 * meanwhile is read again and resealed), and what a server writes is sealed under its own current key.
 */
import { pino } from 'pino';
import type { Config } from '../ground/config/config.ts';
import { cryptoRandom } from '../ground/random.ts';
import { systemClock } from '../ground/clock.ts';
import { loadSealer } from '../services/sealing/master-keys.ts';
import type { Sealer } from '../services/sealing/sealer.ts';
import type { Store } from '../storage/store.ts';
import { openStore } from './app.ts';
import { newCount, resealOutcome, Tally, type ResealCount } from './reseal-count.ts';
import { resealDeviceVerifiers, resealPasskeyPublicKeys, resealProviderSecrets } from './reseal-rows.ts';
import { resealUser } from './reseal-users.ts';

export type { ResealCount } from './reseal-count.ts';

export interface ResealReport {
  currentKeyId: string;
  passwords: ResealCount;
  totpSecrets: ResealCount;
  deviceVerifiers: ResealCount;
  passkeyPublicKeys: ResealCount;
  /** Identity providers' client secrets and private keys. */
  providerSecrets: ResealCount;
  signingKeys: ResealCount;
  /** Messages still waiting to be delivered, each sealed under the key current when it was written. */
  undeliveredMessages: number;
  /** The ids of the keys that sealed what could not be opened. */
  missingKeyIds: string[];
}

const PAGE = 500;

export async function resealStore(store: Store, sealer: Sealer): Promise<ResealReport> {
  const report: ResealReport = {
    currentKeyId: sealer.currentKeyId,
    passwords: newCount(),
    totpSecrets: newCount(),
    deviceVerifiers: newCount(),
    passkeyPublicKeys: newCount(),
    providerSecrets: newCount(),
    signingKeys: newCount(),
    undeliveredMessages: 0,
    missingKeyIds: [],
  };
  const tally = new Tally();
  let after: string | undefined;
  do {
    const page = await store.pools.list({ limit: 100, after });
    for (const pool of page.items) {
      for (const key of await store.signingKeys.list(pool.id)) {
        const o = resealOutcome(sealer, key.privateKeyEnc, 'signing-key');
        if (typeof o === 'object' && 'sealed' in o) await store.signingKeys.reseal(pool.id, key.kid, o.sealed);
        tally.add(report.signingKeys, o);
      }
      let users: string | undefined;
      do {
        const p = await store.users.list(pool.id, undefined, { limit: PAGE, after: users });
        for (const user of p.items) {
          const { password, totpSecrets } = await resealUser(store, sealer, pool, user);
          if (password) tally.add(report.passwords, password);
          for (const o of totpSecrets) tally.add(report.totpSecrets, o);
        }
        users = p.next;
      } while (users);
    }
    after = page.next;
  } while (after);
  await resealDeviceVerifiers(store, sealer, report.deviceVerifiers, tally);
  await resealPasskeyPublicKeys(store, sealer, report.passkeyPublicKeys, tally);
  await resealProviderSecrets(store, sealer, report.providerSecrets, tally);
  const counts = await store.messages.countByStatus();
  report.undeliveredMessages = counts.queued + counts.sending;
  report.missingKeyIds = [...tally.missingKeyIds];
  return report;
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
