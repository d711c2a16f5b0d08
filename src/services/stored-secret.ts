/**
 * A server secret that is made once, in the store, and never changes (what it derives must stay
 * the same: a stand-in's answers, a device's group key): read from the store once per store and
 * purpose, made there on first use. Of secrets made at once by several instances, the store keeps
 * the first (addIfAbsent), and every instance reads that one.
 */
import type { Deps } from './deps.ts';

const cache = new WeakMap<object, Map<string, Promise<Buffer>>>();

export function storedSecret(deps: Pick<Deps, 'store' | 'random' | 'clock'>, purpose: string): Promise<Buffer> {
  const repo = deps.store.secrets;
  let byPurpose = cache.get(repo);
  if (!byPurpose) cache.set(repo, (byPurpose = new Map()));
  let secret = byPurpose.get(purpose);
  if (!secret) {
    secret = (async () => {
      let keys = await repo.list(purpose);
      if (keys.length === 0) {
        await repo.addIfAbsent(purpose, { id: 'generated-1', secret: deps.random.bytes(32), createdAt: deps.clock.now() });
        keys = await repo.list(purpose);
      }
      // The oldest: one added later would change what was derived from it.
      return keys[keys.length - 1].secret;
    })();
    byPurpose.set(purpose, secret);
    // A failed read (the store down) is not kept: the next use reads again.
    secret.catch(() => byPurpose.delete(purpose));
  }
  return secret;
}
