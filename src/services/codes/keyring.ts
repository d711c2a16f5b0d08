import type { Clock } from '../../ground/clock.ts';
import type { Random } from '../../ground/random.ts';
import type { SecretRepository } from '../../storage/repositories/secrets.ts';

/** Secrets under which codes are HMACed. `current` signs new codes; every key verifies the codes it signed. */
export interface Keyring {
  current: { id: string; key: Buffer };
  keys: ReadonlyMap<string, Buffer>;
}

export interface ConfiguredSecret {
  id: string;
  secret: string;
}

const PURPOSE = 'code-hmac';
const GENERATED_ID = 'generated-1';

/**
 * Configured secrets come first (the first one signs; list the old one after it to rotate
 * without invalidating live codes). Without any, a secret is generated on first start and kept in
 * the store, so every instance on the database and every restart uses the same one. Stored
 * secrets always verify, so moving from a generated secret to configured ones loses no code.
 */
export async function loadKeyring(secrets: SecretRepository, configured: ConfiguredSecret[], random: Random, clock: Clock): Promise<Keyring> {
  let stored = await secrets.list(PURPOSE);
  if (configured.length === 0 && stored.length === 0) {
    await secrets.addIfAbsent(PURPOSE, { id: GENERATED_ID, secret: random.bytes(32), createdAt: clock.now() });
    stored = await secrets.list(PURPOSE);
  }
  const keys = new Map<string, Buffer>();
  for (const s of stored) keys.set(s.id, s.secret);
  for (const c of configured) keys.set(c.id, Buffer.from(c.secret, 'utf8'));
  const currentId = configured[0]?.id ?? stored[0].id;
  return { current: { id: currentId, key: keys.get(currentId)! }, keys };
}
