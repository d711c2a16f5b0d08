import { parseCompromisedPasswords } from '../../services/threat/config.ts';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, defaults, isLoopback, type Config, type ConsoleConfig, type Mode } from '../../ground/config/config.ts';
import { parseCorsOrigins } from '../../protocol/cors.ts';
import { parseTrustProxy } from '../../protocol/trust-proxy.ts';
import { parseCodeSecrets, parseCodeValidity } from '../../services/codes/config.ts';
import { parseDeliveryConfig } from '../../services/delivery/config.ts';
import { parseLimitsConfig } from '../../services/limits/config.ts';
import { parseMasterKey, parsePreviousMasterKeys } from '../../services/sealing/config.ts';
import { parseAwsEndpoint, parseFunctionsConfig } from '../../services/triggers/index.ts';
import { SCHEMA_NAME } from '../../storage/postgres/schema-name.ts';

/** One flag: its config key, how to parse it, its environment variable, and its help line. */
interface Option {
  key: keyof Config | 'config';
  type: 'string' | 'boolean';
  env?: string;
  help: string;
  parse?: (v: string, name: string) => unknown;
}

const int = (min: number, max: number) => (v: string, name: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got '${v}'`);
  return n;
};
const oneOf = (...values: string[]) => (v: string, name: string) => {
  if (!values.includes(v)) throw new ConfigError(`${name} must be one of ${values.join(', ')}, got '${v}'`);
  return v;
};
const nonEmpty = (v: string, name: string) => {
  if (v.trim() === '') throw new ConfigError(`${name} must not be empty`);
  return v;
};
const sixDigits = (v: string, name: string) => {
  if (!/^\d{6}$/.test(v)) throw new ConfigError(`${name} must be six digits, got '${v}'`);
  return v;
};
const baseUrl = (v: string, name: string) => {
  if (!/^https?:\/\/[^/\s]+(\/[^\s]*)?$/.test(v) || v.endsWith('/')) throw new ConfigError(`${name} must be an http(s) URL without a trailing slash, got '${v}'`);
  return v;
};
const postgresUrl = (v: string, name: string) => {
  if (!/^postgres(ql)?:\/\//.test(v)) throw new ConfigError(`${name} must be a postgres:// or postgresql:// URL`);
  return v;
};
const schemaName = (v: string, name: string) => {
  if (!SCHEMA_NAME.test(v)) throw new ConfigError(`${name} must be a lower-case SQL name (letters, digits, _), got '${v}'`);
  return v;
};
const bearerToken = (v: string, name: string) => {
  if (!/^[A-Za-z0-9._~+/=-]{16,}$/.test(v)) throw new ConfigError(`${name} must be at least 16 characters of letters, digits and ._~+/=- (openssl rand -hex 32)`);
  return v;
};
const region = (v: string, name: string) => {
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(v)) throw new ConfigError(`${name} must look like an AWS region (us-east-1), got '${v}'`);
  return v;
};
const account = (v: string, name: string) => {
  if (!/^\d{12}$/.test(v)) throw new ConfigError(`${name} must be 12 digits, got '${v}'`);
  return v;
};

export const options: Record<string, Option> = {
  port: { key: 'port', type: 'string', env: 'COGNATE_PORT', parse: int(0, 65535), help: 'TCP port (default 9325; 0 picks a free one)' },
  host: { key: 'host', type: 'string', env: 'COGNATE_HOST', parse: nonEmpty, help: 'address to listen on (default 127.0.0.1)' },
  db: { key: 'db', type: 'string', env: 'COGNATE_DB', parse: nonEmpty, help: 'SQLite file (default ./data/cognate.db; :memory: for a throw-away store)' },
  postgres: { key: 'postgres', type: 'string', env: 'COGNATE_POSTGRES_URL', parse: postgresUrl, help: 'PostgreSQL URL: the store for several instances, instead of --db (env DATABASE_URL also works)' },
  'postgres-schema': { key: 'postgresSchema', type: 'string', env: 'COGNATE_POSTGRES_SCHEMA', parse: schemaName, help: 'PostgreSQL schema for the tables, created if absent (default: public)' },
  'postgres-pool-size': { key: 'postgresPoolSize', type: 'string', env: 'COGNATE_POSTGRES_POOL_SIZE', parse: int(1, 1000), help: 'most PostgreSQL connections per instance (default 10)' },
  region: { key: 'region', type: 'string', env: 'COGNATE_REGION', parse: region, help: 'region in pool ids and ARNs (default us-east-1)' },
  'account-id': { key: 'accountId', type: 'string', env: 'COGNATE_ACCOUNT_ID', parse: account, help: 'account id in ARNs (default 000000000000)' },
  mode: { key: 'mode', type: 'string', env: 'COGNATE_MODE', parse: oneOf('development', 'production'), help: 'development or production (default: development when listening on loopback, else production)' },
  'body-limit': { key: 'bodyLimit', type: 'string', env: 'COGNATE_BODY_LIMIT', parse: int(1024, 64 * 1024 * 1024), help: 'largest request body in bytes (default 1048576)' },
  'import-max-bytes': { key: 'importMaxBytes', type: 'string', env: 'COGNATE_IMPORT_MAX_BYTES', parse: int(1024, 1024 * 1024 * 1024), help: 'largest user import CSV in bytes (default 104857600)' },
  'headers-timeout-ms': { key: 'headersTimeoutMs', type: 'string', env: 'COGNATE_HEADERS_TIMEOUT_MS', parse: int(100, 600_000), help: 'ms a client has to send request headers, else 408 and closed (default 10000)' },
  'request-timeout-ms': { key: 'requestTimeoutMs', type: 'string', env: 'COGNATE_REQUEST_TIMEOUT_MS', parse: int(100, 3_600_000), help: 'ms a client has to send a whole request (default 30000)' },
  'keep-alive-timeout-ms': { key: 'keepAliveTimeoutMs', type: 'string', env: 'COGNATE_KEEP_ALIVE_TIMEOUT_MS', parse: int(100, 3_600_000), help: "ms an idle connection is kept; above a load balancer's idle timeout (default 72000)" },
  'max-connections': { key: 'maxConnections', type: 'string', env: 'COGNATE_MAX_CONNECTIONS', parse: int(1, 1_000_000), help: 'most open connections; more are closed at once (default 4096)' },
  'log-level': { key: 'logLevel', type: 'string', env: 'COGNATE_LOG_LEVEL', parse: oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'), help: 'fatal|error|warn|info|debug|trace|silent (default info)' },
  'log-pretty': { key: 'logPretty', type: 'boolean', env: 'COGNATE_LOG_PRETTY', help: 'human-readable logs instead of JSON lines' },
  'issuer-base-url': { key: 'issuerBaseUrl', type: 'string', env: 'COGNATE_ISSUER_BASE_URL', parse: baseUrl, help: "tokens' iss is <this>/<pool id> (default http://<host>:<port>)" },
  'cors-origins': { key: 'corsOrigins', type: 'string', env: 'COGNATE_CORS_ORIGINS', parse: parseCorsOrigins, help: 'origins browser apps may call from, comma-separated (https://app.example.com, https://*.example.com); default: any in development, none in production' },
  'trust-proxy': { key: 'trustProxy', type: 'string', env: 'COGNATE_TRUST_PROXY', parse: parseTrustProxy, help: "client address from X-Forwarded-For, behind proxies you run: their number (alone: 1), or their addresses/CIDRs, comma-separated" },
  'protection-rules': { key: 'protectionRules', type: 'string', env: 'COGNATE_PROTECTION_RULES', parse: nonEmpty, help: 'JSON file of per-pool allowed/denied address ranges, re-read on change' },
  'password-hashing': { key: 'passwordHashing', type: 'string', env: 'COGNATE_PASSWORD_HASHING', parse: oneOf('fast', 'strong'), help: 'new password hashes: strong (argon2id, 19 MiB) or fast (64 KiB; development only); default: fast in development, strong in production' },
  'fixed-code': { key: 'fixedCode', type: 'string', env: 'COGNATE_FIXED_CODE', parse: sixDigits, help: 'development only: every code is this one (e.g. 123456)' },
  'master-key': { key: 'masterKey', type: 'string', env: 'COGNATE_MASTER_KEY', parse: parseMasterKey, help: 'base64 32-byte key sealing secrets at rest: password hashes, SRP verifiers, signing keys, unsent messages (default: generated, kept in the store)' },
  'previous-master-keys': { key: 'previousMasterKeys', type: 'string', env: 'COGNATE_PREVIOUS_MASTER_KEYS', parse: parsePreviousMasterKeys, help: 'earlier master keys, comma-separated: they still open what they sealed (rotation)' },
  'metrics-token': { key: 'metricsToken', type: 'string', env: 'COGNATE_METRICS_TOKEN', parse: bearerToken, help: 'bearer token /metrics requires (production serves /metrics only with one)' },
  config: { key: 'config', type: 'string', env: 'COGNATE_CONFIG', help: 'JSON config file; flags and environment override it' },
};

export function helpText(): string {
  const lines = Object.entries(options).map(([flag, o]) => {
    const left = `  --${flag}${o.type === 'string' ? ' <value>' : ''}`;
    return `${left.padEnd(26)} ${o.help}${o.env ? ` [env ${o.env}]` : ''}`;
  });
  return lines.join('\n');
}

/** Keys the config file may hold, with the type each must have; 'section' ones are checked on their own. */
const fileKeys: Record<string, 'number' | 'string' | 'boolean' | 'credentials' | 'section'> = {
  port: 'number', host: 'string', db: 'string', postgres: 'string', postgresSchema: 'string', postgresPoolSize: 'number', region: 'string', accountId: 'string', mode: 'string',
  credentials: 'credentials', bodyLimit: 'number', importMaxBytes: 'number', headersTimeoutMs: 'number', requestTimeoutMs: 'number', keepAliveTimeoutMs: 'number', maxConnections: 'number', logLevel: 'string', logPretty: 'boolean', passwordHashing: 'string', fixedCode: 'string', issuerBaseUrl: 'string', masterKey: 'string', previousMasterKeys: 'section', metricsToken: 'string', corsOrigins: 'section', trustProxy: 'section', protectionRules: 'string', limits: 'section', compromisedPasswords: 'section',
  codeSecrets: 'section', codeValidity: 'section', console: 'section', delivery: 'section', functions: 'section', lambda: 'section', kms: 'section',
};

function readConfigFile(path: string): Partial<Config> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read config file ${path}: ${(e as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`config file ${path} is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ConfigError(`config file ${path} must hold a JSON object`);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    const want = fileKeys[k];
    if (!want) throw new ConfigError(`config file ${path}: unknown key '${k}' (known: ${Object.keys(fileKeys).join(', ')})`);
    if (want === 'section') {
      // Checked after the mode is known (delivery's defaults depend on it).
      out[k] =
        k === 'codeSecrets' ? parseCodeSecrets(v, path)
        : k === 'codeValidity' ? parseCodeValidity(v, path)
        : k === 'functions' ? parseFunctionsConfig(v, `config file ${path}`)
        : k === 'lambda' || k === 'kms' ? parseAwsEndpoint(v, `config file ${path}: '${k}'`)
        : k === 'trustProxy' ? parseTrustProxy(v, `config file ${path}: 'trustProxy'`)
        : k === 'previousMasterKeys' ? parsePreviousMasterKeys(v, `'${k}' in ${path}`)
        : k === 'corsOrigins' ? parseCorsOrigins(v, `config file ${path}: 'corsOrigins'`)
        : k === 'compromisedPasswords' ? parseCompromisedPasswords(v, `config file ${path}`)
        : k === 'console' ? parseConsoleConfig(v, `config file ${path}: 'console'`)
        : v;
    } else if (want === 'credentials') {
      if (!Array.isArray(v) || !v.every((c) => typeof c?.accessKeyId === 'string' && typeof c?.secretAccessKey === 'string' && c.accessKeyId && c.secretAccessKey)) {
        throw new ConfigError(`config file ${path}: 'credentials' must be a list of {"accessKeyId": "...", "secretAccessKey": "..."}`);
      }
      out[k] = v.map((c) => ({ accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey }));
    } else {
      if (typeof v !== want) throw new ConfigError(`config file ${path}: '${k}' must be a ${want}`);
      // File values go through the same checks as flags.
      const flag = Object.entries(options).find(([, o]) => o.key === k);
      out[k] = flag?.[1].parse && typeof v !== 'boolean' ? flag[1].parse(String(v), `'${k}' in ${path}`) : v;
    }
  }
  return out as Partial<Config>;
}

/** `console`: {"enabled": true|false}; unset, on in development and off in production. */
function parseConsoleConfig(v: unknown, name: string): Partial<ConsoleConfig> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ConfigError(`${name} must be an object: {"enabled": true}`);
  for (const [k, value] of Object.entries(v)) {
    if (k !== 'enabled') throw new ConfigError(`${name}: unknown key '${k}' (known: enabled)`);
    if (typeof value !== 'boolean') throw new ConfigError(`${name}: 'enabled' must be true or false`);
  }
  return v as Partial<ConsoleConfig>;
}

function parseBool(v: string, name: string): boolean {
  if (/^(1|true|yes|on)$/i.test(v)) return true;
  if (/^(0|false|no|off)$/i.test(v)) return false;
  throw new ConfigError(`${name} must be true or false, got '${v}'`);
}

/** Builds the configuration from flags (argv after the command) and the environment. */
export function loadConfig(argv: string[], env: NodeJS.ProcessEnv): Config {
  // `--trust-proxy` alone, from before it took a value, still means one proxy.
  const args = argv.map((a, i) => (a === '--trust-proxy' && (argv[i + 1] ?? '-').startsWith('-') ? '--trust-proxy=1' : a));
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: Object.fromEntries(Object.entries(options).map(([flag, o]) => [flag, { type: o.type }])),
      strict: true,
      allowPositionals: false,
    });
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
  const flags = parsed.values as Record<string, string | boolean | undefined>;

  const configPath = (flags.config as string | undefined) ?? env.COGNATE_CONFIG;
  const merged: Record<string, unknown> = { ...defaults, ...(configPath ? readConfigFile(configPath) : {}) };

  for (const [flag, o] of Object.entries(options)) {
    if (o.key === 'config') continue;
    const fromEnv = o.env ? env[o.env] : undefined;
    if (fromEnv !== undefined && fromEnv !== '') {
      merged[o.key] = o.type === 'boolean' ? parseBool(fromEnv, o.env!) : o.parse ? o.parse(fromEnv, o.env!) : fromEnv;
    }
    const fromFlag = flags[flag];
    if (fromFlag !== undefined) merged[o.key] = typeof fromFlag === 'string' && o.parse ? o.parse(fromFlag, `--${flag}`) : fromFlag;
  }
  // The conventional variable of hosting platforms, below Cognate's own (and only for a PostgreSQL URL).
  if (merged.postgres === undefined && /^postgres(ql)?:\/\//.test(env.DATABASE_URL ?? '')) merged.postgres = env.DATABASE_URL;
  const host = merged.host as string;
  const mode: Mode = (merged.mode as Mode | undefined) ?? (isLoopback(host) ? 'development' : 'production');
  merged.mode = mode;
  merged.delivery = parseDeliveryConfig(merged.delivery, configPath ?? 'config', mode);
  merged.configDir = configPath ? dirname(resolve(configPath)) : process.cwd();
  merged.limits = parseLimitsConfig(merged.limits, configPath ?? 'config', mode);
  merged.console = { enabled: mode === 'development', ...(merged.console as Partial<ConsoleConfig> | undefined) };
  if ((merged.requestTimeoutMs as number) < (merged.headersTimeoutMs as number)) {
    throw new ConfigError(`the request timeout (${merged.requestTimeoutMs} ms) must not be shorter than the headers timeout (${merged.headersTimeoutMs} ms): a request's headers are part of it`);
  }
  merged.passwordHashing ??= mode === 'development' ? 'fast' : 'strong';
  if (merged.passwordHashing === 'fast' && mode === 'production') {
    throw new ConfigError('fast password hashing (--password-hashing / COGNATE_PASSWORD_HASHING / passwordHashing) is refused in production mode: a copy of the database would let passwords be guessed offline at a great rate');
  }
  if (merged.fixedCode !== undefined && mode === 'production') {
    throw new ConfigError('a fixed code (--fixed-code / COGNATE_FIXED_CODE / fixedCode) is refused in production mode: it would make every code guessable');
  }
  return merged as unknown as Config;
}
