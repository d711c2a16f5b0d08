/** The config file's `limits`: request-rate quotas (on in production) and per-user limits. */
import { ConfigError, type Mode } from '../../ground/config/config.ts';
import { inputHasMember } from '../../model/members.ts';
import type { RateLimitConfig } from '../../ground/config/limits.ts';
import { DEFAULT_CODES_PER_USER_HOURLY, DEFAULT_RATES, defaultRateLimits } from './rates.ts';

/**
 * A number of requests. A rate (per second, the burst one second's worth) must let at least one
 * request through: under 1 it would refuse every request after the first, for ever.
 */
function count(n: unknown, at: string, rate: boolean): number {
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) throw new ConfigError(`${at} must be a number of requests, 0 or more`);
  if (rate && n < 1) throw new ConfigError(`${at} must be at least 1 request a second (a rate under 1 would refuse every request after the first)`);
  if (!rate && !Number.isInteger(n)) throw new ConfigError(`${at} must be a whole number of requests an hour (0: no limit)`);
  return n;
}

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
    } else if (k === 'rates' || k === 'perUserHourly' || k === 'codesPerUserHourly') {
      if (!isObj(x)) throw new ConfigError(`${where}: limits.${k} must be an object of numbers`);
      for (const [name, n] of Object.entries(x)) {
        if (k === 'rates' && !(name in DEFAULT_RATES)) throw new ConfigError(`${where}: limits.rates.${name} is not a category (${Object.keys(DEFAULT_RATES).join(', ')})`);
        // The user is known before the operation runs only from its access token.
        if (k === 'perUserHourly' && !inputHasMember(name, 'AccessToken')) {
          throw new ConfigError(`${where}: limits.perUserHourly.${name} is not an operation called with an access token (GetUserAttributeVerificationCode, VerifyUserAttribute, ...)`);
        }
        if (k === 'codesPerUserHourly' && !(name in DEFAULT_CODES_PER_USER_HOURLY)) {
          throw new ConfigError(`${where}: limits.codesPerUserHourly.${name} is not a kind of code (${Object.keys(DEFAULT_CODES_PER_USER_HOURLY).join(', ')})`);
        }
        (out[k] as Record<string, number>)[name] = count(n, `${where}: limits.${k}.${name}`, k === 'rates');
      }
    } else if (k === 'unresolvedRate') {
      out.unresolvedRate = count(x, `${where}: limits.unresolvedRate`, true);
    } else {
      throw new ConfigError(`${where}: limits.${k} is not a known key (requestRates, rates, perUserHourly, codesPerUserHourly, unresolvedRate)`);
    }
  }
  return out;
}
