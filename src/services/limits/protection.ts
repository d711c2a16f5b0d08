import { readFileSync, statSync } from 'node:fs';
import { BlockList, isIP } from 'node:net';
import { wafBlocked } from '../../errors/index.ts';
import { ConfigError } from '../../ground/config/config.ts';

/**
 * Per-pool protection rules, Cognate's stand-in for a WAF web ACL on the pool: client address
 * ranges denied, and (when given) the only ranges allowed. Read from a JSON file and re-read when
 * it changes, so rules change without a restart:
 *
 *   { "default": { "deny": ["203.0.113.0/24"] },
 *     "pools": { "us-east-1_AbC123xyZ": { "allow": ["10.0.0.0/8", "::1/128"], "deny": ["10.6.6.6"] } } }
 */
interface RuleSet {
  allow?: BlockList;
  deny?: BlockList;
}

interface Rules {
  default?: RuleSet;
  pools: Map<string, RuleSet>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function blockList(ranges: unknown, at: string): BlockList {
  if (!Array.isArray(ranges)) throw new ConfigError(`${at} must be a list of addresses or CIDR ranges`);
  const list = new BlockList();
  for (const r of ranges) {
    const [address, bits] = String(r).split('/');
    const family = isIP(address);
    const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
    if (!family || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) throw new ConfigError(`${at}: '${r}' is not an address or CIDR range`);
    list.addSubnet(address, prefix, family === 6 ? 'ipv6' : 'ipv4');
  }
  return list;
}

function ruleSet(v: unknown, at: string): RuleSet {
  if (!isObject(v)) throw new ConfigError(`${at} must be an object with "allow" and/or "deny"`);
  for (const k of Object.keys(v)) if (k !== 'allow' && k !== 'deny') throw new ConfigError(`${at}: unknown key '${k}'`);
  return { ...(v.allow !== undefined ? { allow: blockList(v.allow, `${at}.allow`) } : {}), ...(v.deny !== undefined ? { deny: blockList(v.deny, `${at}.deny`) } : {}) };
}

export function parseRules(text: string, file: string): Rules {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`protection rules ${file} are not valid JSON: ${(e as Error).message}`);
  }
  if (!isObject(data)) throw new ConfigError(`protection rules ${file} must hold a JSON object`);
  for (const k of Object.keys(data)) if (k !== 'default' && k !== 'pools') throw new ConfigError(`protection rules ${file}: unknown key '${k}'`);
  const pools = new Map<string, RuleSet>();
  if (data.pools !== undefined) {
    if (!isObject(data.pools)) throw new ConfigError(`protection rules ${file}: "pools" must map pool ids to rules`);
    for (const [id, r] of Object.entries(data.pools)) pools.set(id, ruleSet(r, `protection rules ${file}: pools["${id}"]`));
  }
  return { pools, ...(data.default !== undefined ? { default: ruleSet(data.default, `protection rules ${file}: default`) } : {}) };
}

const family = (ip: string) => (isIP(ip) === 6 ? 'ipv6' : 'ipv4');

type Log = { error(o: object, m: string): void; info(o: object, m: string): void };

/** The rules in force, re-read (at most once a second) when the file changes; a bad edit keeps the old rules. */
export class Protection {
  readonly #file: string;
  readonly #log: Log;
  #rules: Rules;
  #mtime: number;
  #checkedAt = 0;

  constructor(file: string, log: Log) {
    this.#file = file;
    this.#log = log;
    try {
      this.#mtime = statSync(file).mtimeMs;
      this.#rules = parseRules(readFileSync(file, 'utf8'), file);
    } catch (e) {
      if (e instanceof ConfigError) throw e;
      throw new ConfigError(`cannot read protection rules ${file}: ${(e as Error).message}`);
    }
  }

  /** Re-reads the file now (SIGHUP), or when it changed since the last look. */
  reload(force = false): void {
    try {
      const mtime = statSync(this.#file).mtimeMs;
      if (!force && mtime === this.#mtime) return;
      this.#rules = parseRules(readFileSync(this.#file, 'utf8'), this.#file);
      this.#mtime = mtime;
      this.#log.info({ file: this.#file }, 'protection rules reloaded');
    } catch (e) {
      this.#log.error({ file: this.#file, err: (e as Error).message }, 'protection rules not reloaded; the previous rules stay in force');
    }
  }

  /** Throws ForbiddenException when the pool's rules (or the default ones) block `ip`. */
  check(poolId: string | undefined, ip: string, now: number): void {
    // Either direction: a clock set back (NTP) must not stop the reloads.
    if (Math.abs(now - this.#checkedAt) >= 1000) {
      this.#checkedAt = now;
      this.reload();
    }
    const rules = (poolId !== undefined && this.#rules.pools.get(poolId)) || this.#rules.default;
    if (!rules) return;
    const address = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
    const blocked = rules.deny?.check(address, family(address)) || (rules.allow !== undefined && !rules.allow.check(address, family(address)));
    if (blocked) throw wafBlocked();
  }
}
