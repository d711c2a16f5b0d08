import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../ground/clock.ts';
import { purgeExpired, type MaintenanceOptions } from '../storage/purge.ts';
import type { Store } from '../storage/store.ts';

const EVERY_MS = 10 * 60_000;

/** Runs purgeExpired now and every ten minutes; returns the stop function. */
export function startMaintenance(store: Store, clock: Clock, log: FastifyBaseLogger, options: MaintenanceOptions = {}): () => void {
  const run = () =>
    purgeExpired(store, clock.now(), options).then(
      (removed) => log.debug({ removed }, 'maintenance: expired records removed'),
      (e) => log.error({ err: e }, 'maintenance: could not remove expired records'),
    );
  void run();
  const timer = setInterval(() => void run(), EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
