import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config/config.ts';
import type { Random } from './domain/ids.ts';
import { registry } from './operations/index.ts';
import type { Clock, Deps } from './operations/types.ts';
import { buildServer } from './protocol/server.ts';
import { SqliteStore } from './storage/sqlite/store.ts';
import type { Store } from './storage/types.ts';

export const systemClock: Clock = { now: () => Date.now() };
export const cryptoRandom: Random = { bytes: (n) => randomBytes(n) };

export interface App {
  server: FastifyInstance;
  store: Store;
  deps: Deps;
  /** Starts listening; resolves to the address, e.g. http://127.0.0.1:9325. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export interface AppOverrides {
  clock?: Clock;
  random?: Random;
  /** A pino options object, or false for no logs. */
  logger?: object | boolean;
}

function loggerOptions(config: Config): object {
  return {
    level: config.logLevel,
    redact: ['req.headers.authorization'],
    ...(config.logPretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } } : {}),
  };
}

/** The composition root: builds every component from the configuration and passes it down. */
export function createApp(config: Config, overrides: AppOverrides = {}): App {
  const store = new SqliteStore(config.db);
  const deps: Deps = { store, config, clock: overrides.clock ?? systemClock, random: overrides.random ?? cryptoRandom };
  const server = buildServer({ deps, operations: registry, logger: overrides.logger ?? loggerOptions(config) });
  return {
    server,
    store,
    deps,
    listen: () => server.listen({ port: config.port, host: config.host }),
    async close() {
      await server.close();
      await store.close();
    },
  };
}
