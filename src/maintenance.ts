import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from './operations/types.ts';
import type { Store } from './storage/types.ts';

const EVERY_MS = 10 * 60_000;
const DAY_MS = 86_400_000;

/**
 * Removes what has outlived its use: expired codes, challenge sessions, refresh tokens and
 * revocations, and counters of past days. Safe to run on every instance at once (plain deletes).
 */
export async function purgeExpired(store: Store, now: number): Promise<Record<string, number>> {
  return {
    codes: await store.codes.purgeExpired(now - DAY_MS),
    sessions: await store.authSessions.purgeExpired(now),
    tokens: await store.tokens.purgeExpired(now),
    counters: await store.quotas.purgeBefore(new Date(now - 2 * DAY_MS).toISOString().slice(0, 10)),
  };
}

/** Runs purgeExpired now and every ten minutes; returns the stop function. */
export function startMaintenance(store: Store, clock: Clock, log: FastifyBaseLogger): () => void {
  const run = () =>
    purgeExpired(store, clock.now()).then(
      (removed) => log.debug({ removed }, 'maintenance: expired records removed'),
      (e) => log.error({ err: e }, 'maintenance: could not remove expired records'),
    );
  void run();
  const timer = setInterval(run, EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
