import { Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per server, so tests and several apps in one process do not share counters. */
export function createMetrics(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'cognate_' });
  return registry;
}
