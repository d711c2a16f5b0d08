/**
 * Which proxies' word Cognate takes for a client's address (`trustProxy`). Each proxy appends the
 * address it received the request from to X-Forwarded-For, so only the entries on the right, those
 * added by proxies you run, are trustworthy; whatever is further left, the client wrote itself.
 */
import { isIP } from 'node:net';
import { ConfigError, type TrustProxy } from '../ground/config/config.ts';

/** proxy-addr's names for the usual private ranges, which Fastify passes on to it. */
const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'];
const MAX_HOPS = 20;

function parseRange(entry: string, name: string): string {
  if (NAMED_RANGES.includes(entry)) return entry;
  const [address, bits, extra] = entry.split('/');
  const family = isIP(address);
  const prefix = bits === undefined ? undefined : Number(bits);
  const valid = family !== 0 && extra === undefined && (prefix === undefined || (/^\d+$/.test(bits) && prefix <= (family === 6 ? 128 : 32)));
  if (!valid) throw new ConfigError(`${name}: '${entry}' is not an address, a CIDR range or one of ${NAMED_RANGES.join(', ')}`);
  return entry;
}

/**
 * `true` (or `--trust-proxy` alone) is one proxy: the rightmost X-Forwarded-For entry, the one the
 * proxy in front of Cognate added. A number is that many proxies in a chain. Addresses and CIDR
 * ranges name the proxies themselves: the client is the nearest address that is not one of them.
 */
export function parseTrustProxy(value: unknown, name: string): TrustProxy {
  if (value === true) return 1;
  if (value === false) return false;
  if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value.trim()))) {
    const hops = Number(value);
    if (!Number.isInteger(hops) || hops < 0 || hops > MAX_HOPS) throw new ConfigError(`${name} must be a number of proxies from 0 to ${MAX_HOPS}, got '${value}'`);
    return hops === 0 ? false : hops;
  }
  if (typeof value === 'string') {
    if (/^(true|yes|on)$/i.test(value.trim())) return 1;
    if (/^(false|no|off)$/i.test(value.trim())) return false;
    value = value.split(',');
  }
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) {
    return value.map((v: string) => parseRange(v.trim(), name));
  }
  throw new ConfigError(`${name} must be true, a number of proxies, or a list of the proxies' addresses or CIDR ranges`);
}

/**
 * What Fastify is given. A count becomes a function of the hop: Fastify refuses a bare count (it
 * cannot tell a proxy from a client that connects directly and writes enough entries itself), so
 * a count is right only where clients cannot reach Cognate but through the proxies; ranges say who
 * the proxies are and hold either way.
 */
export function proxyTrust(trust: TrustProxy): false | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}
