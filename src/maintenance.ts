import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from './operations/types.ts';
import type { Store } from './storage/types.ts';

const EVERY_MS = 10 * 60_000;
const DAY_MS = 86_400_000;

export interface MaintenanceOptions {
  /** How long final messages stay in the outbox; 0 or absent: for ever. */
  messageRetentionMs?: number;
}

/**
 * Removes what has outlived its use: expired codes, challenge sessions, refresh tokens and
 * revocations, counters of past days, and final messages past their retention. Safe to run on
 * every instance at once (plain deletes).
 */
export async function purgeExpired(store: Store, now: number, options: MaintenanceOptions = {}): Promise<Record<string, number>> {
  return {
    codes: await store.codes.purgeExpired(now - DAY_MS),
    sessions: await store.authSessions.purgeExpired(now),
    tokens: await store.tokens.purgeExpired(now),
    counters: await store.quotas.purgeBefore(new Date(now - 2 * DAY_MS).toISOString().slice(0, 10)),
    messages: options.messageRetentionMs ? await store.messages.purgeFinished(now - options.messageRetentionMs) : 0,
  };
}

/** Runs purgeExpired now and every ten minutes; returns the stop function. */
export function startMaintenance(store: Store, clock: Clock, log: FastifyBaseLogger, options: MaintenanceOptions = {}): () => void {
  const run = () =>
    purgeExpired(store, clock.now(), options).then(
      (removed) => log.debug({ removed }, 'maintenance: expired records removed'),
      (e) => log.error({ err: e }, 'maintenance: could not remove expired records'),
    );
  void run();
  const timer = setInterval(run, EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
