/**
 * `cognate reseal` for the rows that keep sealed values: remembered devices' SRP verifiers,
 * passkeys' public keys and identity providers' secrets. Each is written only if the row still holds the value read; a row
 * forgotten or deleted meanwhile is left alone and not counted.
 */
import { SECRET_DETAILS } from '../domain/identity-provider.ts';
import type { SealPurpose, Sealer } from '../services/sealing/sealer.ts';
import type { Page, PageRequest } from '../storage/repositories/paging.ts';
import type { Store } from '../storage/store.ts';
import { resealOutcome, type ResealCount, type Tally } from './reseal-count.ts';

const PAGE = 500;

async function resealRows<T>(
  rows: { list: (p: PageRequest) => Promise<Page<T>>; value: (row: T) => string; write: (row: T, sealed: string) => Promise<boolean> },
  purpose: SealPurpose,
  sealer: Sealer,
  count: ResealCount,
  tally: Tally,
): Promise<void> {
  let after: string | undefined;
  do {
    const page = await rows.list({ limit: PAGE, after });
    for (const row of page.items) {
      const o = resealOutcome(sealer, rows.value(row), purpose);
      if (typeof o === 'object' && 'sealed' in o && !(await rows.write(row, o.sealed))) continue;
      tally.add(count, o);
    }
    after = page.next;
  } while (after);
}

export function resealDeviceVerifiers(store: Store, sealer: Sealer, count: ResealCount, tally: Tally): Promise<void> {
  return resealRows(
    { list: (p) => store.devices.listAll(p), value: (d) => d.verifier, write: (d, sealed) => store.devices.reseal(d.poolId, d.sub, d.key, d.verifier, sealed) },
    'device-verifier', sealer, count, tally,
  );
}

/** The sealed value (key, user, credential id) is sealed anew as it is, so it stays bound to its passkey. */
export function resealPasskeyPublicKeys(store: Store, sealer: Sealer, count: ResealCount, tally: Tally): Promise<void> {
  return resealRows(
    { list: (p) => store.passkeys.listAll(p), value: (k) => k.publicKey, write: (k, sealed) => store.passkeys.reseal(k.poolId, k.sub, k.credentialId, k.publicKey, sealed) },
    'passkey-public-key', sealer, count, tally,
  );
}

/** Each provider's secret details (client_secret, private_key), sealed anew as they are, so each stays bound to its provider. */
export async function resealProviderSecrets(store: Store, sealer: Sealer, count: ResealCount, tally: Tally): Promise<void> {
  let after: string | undefined;
  do {
    const page = await store.identityProviders.listAll({ limit: PAGE, after });
    for (const p of page.items) {
      const outcomes = SECRET_DETAILS.filter((k) => p.details[k] !== undefined).map((k) => [k, resealOutcome(sealer, p.details[k], 'idp-secret')] as const);
      const details = { ...p.details };
      for (const [k, o] of outcomes) if (typeof o === 'object' && 'sealed' in o) details[k] = o.sealed;
      const changed = outcomes.some(([, o]) => typeof o === 'object' && 'sealed' in o);
      // A provider updated or deleted meanwhile is left alone and not counted: its writer sealed it anew.
      if (changed && !(await store.identityProviders.reseal(p.poolId, p.name, p.details, details))) continue;
      for (const [, o] of outcomes) tally.add(count, o);
    }
    after = page.next;
  } while (after);
}
