import type { Clock } from '../../ground/clock.ts';
import type { Random } from '../../ground/random.ts';
import type { SecretRepository } from '../../storage/repositories/secrets.ts';
import { Sealer } from './sealer.ts';

const PURPOSE = 'master-key';

/**
 * The sealer of secrets at rest. The configured master key (masterKey, 32 bytes base64) seals;
 * the previous ones (previousMasterKeys) still open. Without a configured key, one is generated on
 * first start and kept in the store, which then protects secrets only as well as the database
 * itself is protected. A generated key kept in the store always opens, so moving from it to a
 * configured key loses nothing.
 */
export async function loadSealer(
  config: { masterKey?: string; previousMasterKeys: readonly string[] },
  secrets: SecretRepository,
  random: Random,
  clock: Clock,
): Promise<{ sealer: Sealer; generated: boolean }> {
  let stored = await secrets.list(PURPOSE);
  if (!config.masterKey && stored.length === 0) {
    await secrets.addIfAbsent(PURPOSE, { id: 'generated-1', secret: random.bytes(32), createdAt: clock.now() });
    stored = await secrets.list(PURPOSE);
  }
  const previous = config.previousMasterKeys.map((k) => Buffer.from(k, 'base64'));
  const kept = stored.map((s) => s.secret);
  if (config.masterKey) return { sealer: new Sealer(Buffer.from(config.masterKey, 'base64'), [...previous, ...kept], random), generated: false };
  return { sealer: new Sealer(kept[0], [...previous, ...kept.slice(1)], random), generated: true };
}
