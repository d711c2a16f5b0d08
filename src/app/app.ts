import { availableParallelism } from 'node:os';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { pino } from 'pino';
import type { Registry } from 'prom-client';
import { systemClock, type Clock } from '../ground/clock.ts';
import { ConfigError, type Config } from '../ground/config/config.ts';
import { cryptoRandom, type Random } from '../ground/random.ts';
import { registry } from '../operations/registry.ts';
import { buildServer } from '../protocol/server.ts';
import { createCodes } from '../services/codes/codes.ts';
import { loadKeyring } from '../services/codes/keyring.ts';
import { createChannel } from '../services/delivery/channels/index.ts';
import type { Channel } from '../services/delivery/channels/types.ts';
import { createDeliveryService } from '../services/delivery/delivery.ts';
import { Dispatcher } from '../services/delivery/dispatcher.ts';
import { createLogExporter } from '../services/log-delivery/exporter.ts';
import { deliveryMetrics } from '../services/delivery/metrics.ts';
import { createOutbox, type Outbox } from '../services/delivery/outbox.ts';
import type { Deps } from '../services/deps.ts';
import { UpstreamConfigurations } from '../services/federation/upstream-http.ts';
import { ImportRunner } from '../services/import/runner.ts';
import { createPasswordHasher, parametersFor } from '../services/passwords/hasher.ts';
import { HashLimiter, MAX_WAITING_HASHES, hashSlots } from '../services/passwords/limiter.ts';
import { createThreatProtection } from '../services/threat/recorder.ts';
import { Admission } from '../services/limits/admission.ts';
import { Protection } from '../services/limits/protection.ts';
import { loadSealer } from '../services/sealing/master-keys.ts';
import { KeyRing } from '../services/tokens/keys.ts';
import { TokenService } from '../services/tokens/tokens.ts';
import { createTriggers, type Triggers } from '../services/triggers/index.ts';
import { SqliteStore } from '../storage/sqlite/store.ts';
import type { Store } from '../storage/store.ts';
import { startMaintenance } from './maintenance.ts';
import { createMetrics } from './metrics.ts';

export interface App {
  server: FastifyInstance;
  store: Store;
  deps: Deps;
  dispatcher: Dispatcher;
  /** Where messages are written before they are sent (tests put messages straight into it). */
  outbox: Outbox;
  triggers: Triggers;
  metrics: Registry;
  /** Starts listening and sending queued messages; resolves to the address, e.g. http://127.0.0.1:9325. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export interface AppOverrides {
  clock?: Clock;
  random?: Random;
  /** A logger to use instead of the configured one (tests pass a silent one). */
  logger?: FastifyBaseLogger;
  /** Replaces configured channels by name (tests). */
  channels?: Map<string, Channel>;
  /** A store to use instead of the configured one (tests that watch when its commits reach the disk). */
  store?: Store;
}

function createLogger(config: Config): FastifyBaseLogger {
  return pino({
    level: config.logLevel,
    redact: ['req.headers.authorization'],
    ...(config.logPretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } } : {}),
  });
}

/** PostgreSQL when a URL is configured (loaded only then), else the SQLite file. */
export async function openStore(config: Config, log: FastifyBaseLogger): Promise<Store> {
  if (!config.postgres) return new SqliteStore(config.db);
  const { PostgresStore, DatabaseUnreachable, describeUrl } = await import('../storage/postgres/store.ts');
  try {
    const store = await PostgresStore.open({
      url: config.postgres, schema: config.postgresSchema, poolSize: config.postgresPoolSize,
      onError: (e) => log.warn({ err: e }, 'PostgreSQL: an idle connection failed; it will be replaced'),
    });
    log.info({ database: describeUrl(config.postgres), schema: config.postgresSchema ?? 'public' }, 'store: PostgreSQL');
    return store;
  } catch (e) {
    if (e instanceof DatabaseUnreachable) throw new ConfigError(`${e.message} (check --postgres / COGNATE_POSTGRES_URL, and that the database is up)`);
    throw e;
  }
}

/** The composition root: builds every component from the configuration and passes it down. */
export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const clock = overrides.clock ?? systemClock;
  const random = overrides.random ?? cryptoRandom;
  const log = overrides.logger ?? createLogger(config);
  const store = overrides.store ?? (await openStore(config, log));
  const metrics = createMetrics();
  const channels = new Map<string, Channel>(Object.entries(config.delivery.channels).map(([name, c]) => [name, createChannel(name, c)]));
  for (const [name, c] of overrides.channels ?? []) channels.set(name, c);
  const { sealer, generated } = await loadSealer(config, store.secrets, random, clock);
  if (generated && config.mode === 'production') log.warn('no masterKey configured: password hashes, SRP verifiers, signing keys and unsent messages are sealed under a key kept in the same database');
  const codes = createCodes({ keyring: await loadKeyring(store.secrets, config.codeSecrets, random, clock), clock, random, validity: config.codeValidity, fixedCode: config.fixedCode });

  const logs = createLogExporter({ pools: store.pools, log, clock });
  const dispatcher = new Dispatcher({
    store, channels, clock, log, metrics: deliveryMetrics(metrics, store.messages),
    maxAttempts: config.delivery.maxAttempts, retryBaseMs: config.delivery.retryBaseMs, pollMs: config.delivery.pollMs,
    keepCodes: config.mode === 'development', sealer, logs,
  });
  const triggers = createTriggers({
    functions: config.functions, lambda: config.lambda, kms: config.kms, mode: config.mode, baseDir: config.configDir,
    recorder: store.invocations, metrics, log, now: clock.now,
  });
  const protection = config.protectionRules ? new Protection(config.protectionRules, log) : undefined;
  const admission = new Admission({ protection, quotas: store.quotas, limits: config.limits, clock });
  const outbox = createOutbox({ store, codes, dispatcher, clock, config: config.delivery });
  const delivery = createDeliveryService({ outbox, triggers, codeLimit: (key) => admission.admitCode(key) });
  const keys = new KeyRing(store, sealer, random, clock);
  // The issuer needs the port actually bound, known only once listening when --port is 0.
  let boundBase = `http://${config.host}:${config.port}`;
  const tokens = new TokenService({ keys, repos: store, clock, random, issuerBase: () => config.issuerBaseUrl ?? boundBase });
  const imports = new ImportRunner({ store, clock, random }, log);
  const threat = createThreatProtection({ store, clock, random, delivery, compromisedPasswords: config.compromisedPasswords ?? [], linkBase: () => config.issuerBaseUrl ?? boundBase, logs });
  const passwordHasher = createPasswordHasher({
    parameters: parametersFor(config.passwordHashing), random, limiter: new HashLimiter(hashSlots(availableParallelism(), process.env.UV_THREADPOOL_SIZE), MAX_WAITING_HASHES),
  });
  const deps: Deps = { store, config, clock, random, sealer, passwordHasher, codes, delivery, triggers, keys, tokens, admission, metrics, imports, upstream: new UpstreamConfigurations(clock), threat, logs };
  const server = buildServer({ deps, operations: registry, logger: log });

  let stopMaintenance = () => {};
  return {
    server,
    store,
    deps,
    dispatcher,
    outbox,
    triggers,
    metrics,
    async listen() {
      const address = await server.listen({ port: config.port, host: config.host });
      boundBase = address;
      dispatcher.start();
      imports.start();
      stopMaintenance = startMaintenance(store, clock, log, { messageRetentionMs: config.delivery.retentionDays * 86_400_000 });
      return address;
    },
    async close() {
      stopMaintenance();
      await server.close();
      await dispatcher.stop();
      await imports.stop();
      await triggers.close();
      await Promise.allSettled([...channels.values()].map((c) => c.close()));
      await store.close();
    },
  };
}
