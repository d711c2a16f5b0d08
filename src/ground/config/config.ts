/**
 * Typed configuration. Precedence, lowest first: defaults, the JSON config file,
 * environment variables, command-line flags.
 */

import type { DeliveryConfig } from './delivery.ts';
import type { FunctionsConfig, KmsOptions, LambdaDefaults } from './functions.ts';
import type { RateLimitConfig } from './limits.ts';

export type Mode = 'development' | 'production';

/** Password hashes' cost: `fast` (development's default; refused in production) or `strong`. */
export type PasswordHashing = 'fast' | 'strong';

/**
 * False: the address is the socket's. A number: that many proxies in front of Cognate, so the
 * client is that many entries from the right of X-Forwarded-For. A list: the proxies' addresses and
 * CIDR ranges, so the client is the nearest address not among them.
 */
export type TrustProxy = false | number | string[];

export interface AccessKey {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface Config {
  /** TCP port to listen on. */
  port: number;
  /** Address to listen on. Loopback by default, so a fresh start is reachable only from this machine. */
  host: string;
  /** SQLite database file, or `:memory:` for a store that lives as long as the process. */
  db: string;
  /**
   * A PostgreSQL URL (postgres://user:password@host:5432/database): the store is then that
   * database instead of the SQLite file, and several instances may share it. `db` is ignored.
   */
  postgres?: string;
  /** The PostgreSQL schema for Cognate's tables, created if absent; default: the server's search_path (public). */
  postgresSchema?: string;
  /** Most PostgreSQL connections one instance opens (default 10); each running transaction holds one. */
  postgresPoolSize?: number;
  /** Region used in pool ids and ARNs (`us-east-1_...`, `arn:aws:cognito-idp:us-east-1:...`). */
  region: string;
  /** Account id used in ARNs. */
  accountId: string;
  /**
   * `development` accepts any well-formed SigV4 signature and serves the developer conveniences;
   * `production` checks signatures against `credentials`. Default: development when `host` is loopback.
   */
  mode: Mode;
  /** Access keys accepted for signed (administrative) operations in production mode. */
  credentials: AccessKey[];
  /** Largest request body accepted, in bytes; larger ones are refused before they are read. */
  bodyLimit: number;
  /** Largest CSV a user import job's pre-signed URL accepts, in bytes (AWS's limit: 100 MB). */
  importMaxBytes: number;
  /** Milliseconds a client has, from connecting or from the start of a request, to send its headers; then 408 and closed. */
  headersTimeoutMs: number;
  /** Milliseconds a client has to send a whole request, headers and body (at least `headersTimeoutMs`). */
  requestTimeoutMs: number;
  /**
   * Milliseconds an idle keep-alive connection is kept between requests. Behind a load balancer it must
   * be longer than the balancer's own idle timeout, so that the balancer, not Cognate, closes idle
   * connections (else a request sent just as Cognate closes one fails with a 502).
   */
  keepAliveTimeoutMs: number;
  /** Most open connections; one more is closed as soon as it is accepted. */
  maxConnections: number;
  /** pino level: fatal, error, warn, info, debug, trace or silent. */
  logLevel: string;
  /** Human-readable logs instead of JSON lines. */
  logPretty: boolean;
  /**
   * Parameters of new password hashes: `strong` (argon2id, m=19456 KiB, t=2, p=1) or `fast`
   * (argon2id, 64 KiB, one pass: for tests, which need no protection from offline guessing).
   * Default: fast in development, strong in production, which refuses fast.
   */
  passwordHashing: PasswordHashing;
  /** Development only: every code is this one (for end-to-end tests that cannot read the inbox). */
  fixedCode?: string;
  /** HMAC secrets for codes, newest first; empty: one is generated and kept in the store. */
  codeSecrets: { id: string; secret: string }[];
  /** Seconds a code stays valid, per purpose (defaults: verification and sign-up 24 h, forgotten password 1 h). */
  codeValidity: Partial<Record<string, number>>;
  /** Message delivery: channels and how pools map to them (see services/delivery/config.ts). */
  delivery: DeliveryConfig;
  /** Trigger functions by ARN: {"module": "./f.ts#handler"} | {"url": "http://..."} | {"lambda": {...}}. */
  functions: FunctionsConfig;
  /** The Lambda API for trigger ARNs not in `functions`; unset, such triggers fail with UnexpectedLambdaException. */
  lambda?: LambdaDefaults;
  /** KMS for encrypting codes to CustomEmailSender/CustomSMSSender functions. */
  kms?: KmsOptions;
  /**
   * 32 bytes, base64: seals secrets at rest (password hashes, SRP verifiers, signing keys, messages
   * not yet delivered). Unset: generated and kept in the store.
   */
  masterKey?: string;
  /** The bearer token /metrics requires; in production, /metrics is served only when one is set. */
  metricsToken?: string;
  /** Earlier master keys (32 bytes, base64): they no longer seal, but still open what they sealed. */
  previousMasterKeys: string[];
  /** Origins browsers may call from (exact, or `https://*.example.com`); unset: any in development, none in production. */
  corsOrigins?: string[];
  /** Tokens' `iss` is `<issuerBaseUrl>/<pool id>`; default http://<host>:<port>. */
  issuerBaseUrl?: string;
  /** Request-rate quotas per pool and category, and per-user limits (see services/limits/rates.ts). */
  limits: RateLimitConfig;
  /** A JSON file of per-pool allowed/denied client address ranges, re-read when it changes. */
  protectionRules?: string;
  /** Known-breached passwords that threat protection's compromised-credentials check refuses or flags (docs/threat-protection.md). */
  compromisedPasswords?: string[];
  /** Whose X-Forwarded-For entries give the client's address (behind a load balancer or proxy you run). */
  trustProxy: TrustProxy;
  /** The folder module paths in `functions` are relative to: the config file's, else the working directory. */
  configDir: string;
  /**
   * The web console at /_cognate/console/: on by default in development (open, as the API is to any
   * signature there), off in production unless enabled, and then behind a sign-in with `credentials`.
   */
  console: ConsoleConfig;
}

export interface ConsoleConfig {
  enabled: boolean;
}

export const defaults: Omit<Config, 'mode' | 'delivery' | 'configDir' | 'limits' | 'console' | 'passwordHashing'> = {
  port: 9325,
  host: '127.0.0.1',
  db: './data/cognate.db',
  region: 'us-east-1',
  accountId: '000000000000',
  credentials: [],
  bodyLimit: 1024 * 1024,
  importMaxBytes: 100 * 1024 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  // Above the idle timeouts of common load balancers (AWS ALB and nginx: 60 s), as Fastify's own default.
  keepAliveTimeoutMs: 72_000,
  maxConnections: 4096,
  logLevel: 'info',
  logPretty: false,
  codeSecrets: [],
  codeValidity: {},
  previousMasterKeys: [],
  functions: {},
  trustProxy: false,
};

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** A user-facing configuration problem: reported on stderr, exit code 2. */
export class ConfigError extends Error {}
