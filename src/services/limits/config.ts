/** The config file's `limits`: request-rate quotas (on in production) and per-user limits. */
import { ConfigError, type Mode } from '../../ground/config/config.ts';
import type { RateLimitConfig } from '../../ground/config/limits.ts';
import { DEFAULT_RATES, defaultRateLimits } from './rates.ts';

/** Checks `limits` over the mode's defaults; `where` names the file in messages. */
export function parseLimitsConfig(v: unknown, where: string, mode: Mode): RateLimitConfig {
  const out = defaultRateLimits(mode === 'production');
  if (v === undefined) return out;
  const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  if (!isObj(v)) throw new ConfigError(`${where}: 'limits' must be an object`);
  for (const [k, x] of Object.entries(v)) {
    if (k === 'requestRates') {
      if (typeof x !== 'boolean') throw new ConfigError(`${where}: limits.requestRates must be true or false`);
      out.requestRates = x;
    } else if (k === 'rates' || k === 'perUserHourly') {
      if (!isObj(x)) throw new ConfigError(`${where}: limits.${k} must be an object of numbers`);
      for (const [name, n] of Object.entries(x)) {
        if (k === 'rates' && !(name in DEFAULT_RATES)) throw new ConfigError(`${where}: limits.rates.${name} is not a category (${Object.keys(DEFAULT_RATES).join(', ')})`);
        if (typeof n !== 'number' || !(n >= 0) || !Number.isFinite(n)) throw new ConfigError(`${where}: limits.${k}.${name} must be a number of requests, 0 or more`);
        (out[k] as Record<string, number>)[name] = n;
      }
    } else {
      throw new ConfigError(`${where}: limits.${k} is not a known key (requestRates, rates, perUserHourly)`);
    }
  }
  return out;
}
