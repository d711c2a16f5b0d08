import { ConfigError, type Mode } from '../../ground/config/config.ts';
import type { DeliveryConfig } from '../../ground/config/delivery.ts';
import { parseChannelConfig } from './channels/index.ts';

export function defaultDeliveryConfig(mode: Mode): DeliveryConfig {
  return {
    mode: mode === 'development' ? 'capture' : 'route',
    channels: { capture: { type: 'capture' } },
    emailIdentities: {},
    smsRoles: {},
    cognitoDefaultDailyLimit: mode === 'development' ? 0 : 50,
    waitMs: 2000,
    maxAttempts: 8,
    retryBaseMs: 2000,
    pollMs: 1000,
    retentionDays: 7,
  };
}

const KEYS = new Set(['mode', 'channels', 'defaultEmail', 'defaultSms', 'emailIdentities', 'smsRoles', 'cognitoDefaultDailyLimit', 'waitMs', 'maxAttempts', 'retryBaseMs', 'pollMs', 'retentionDays']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function target(v: unknown, what: string, extra: string[], channels: Record<string, unknown>): { channel: string } & Record<string, string> {
  if (!isObject(v) || typeof v.channel !== 'string') throw new ConfigError(`${what} must be an object with a "channel"`);
  for (const [k, x] of Object.entries(v)) {
    if (k !== 'channel' && !extra.includes(k)) throw new ConfigError(`${what}: unknown key '${k}'`);
    if (typeof x !== 'string') throw new ConfigError(`${what}.${k} must be a string`);
  }
  if (!(v.channel in channels)) throw new ConfigError(`${what} names channel '${v.channel}', which is not among delivery.channels (${Object.keys(channels).join(', ')})`);
  return v as { channel: string } & Record<string, string>;
}

function count(v: unknown, what: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new ConfigError(`${what} must be a whole number from ${min} to ${max}`);
  return v;
}

/** Checks the "delivery" object of a config file; `where` names the file in messages. */
export function parseDeliveryConfig(raw: unknown, where: string, mode: Mode): DeliveryConfig {
  const out = defaultDeliveryConfig(mode);
  if (raw === undefined) return out;
  if (!isObject(raw)) throw new ConfigError(`${where}: "delivery" must be an object`);
  const at = (k: string) => `${where}: delivery.${k}`;
  for (const k of Object.keys(raw)) if (!KEYS.has(k)) throw new ConfigError(`${at(k)} is not a known key (known: ${[...KEYS].join(', ')})`);
  if (raw.mode !== undefined) {
    if (raw.mode !== 'capture' && raw.mode !== 'route') throw new ConfigError(`${at('mode')} must be "capture" or "route"`);
    out.mode = raw.mode;
  }
  if (raw.channels !== undefined) {
    if (!isObject(raw.channels)) throw new ConfigError(`${at('channels')} must be an object of named channels`);
    for (const [name, c] of Object.entries(raw.channels)) out.channels[name] = parseChannelConfig(name, c);
  }
  if (raw.defaultEmail !== undefined) out.defaultEmail = target(raw.defaultEmail, at('defaultEmail'), ['from'], out.channels);
  if (raw.defaultSms !== undefined) out.defaultSms = target(raw.defaultSms, at('defaultSms'), [], out.channels);
  for (const [k, extra] of [['emailIdentities', ['from']], ['smsRoles', ['externalId']]] as const) {
    const v = raw[k];
    if (v === undefined) continue;
    if (!isObject(v)) throw new ConfigError(`${at(k)} must be an object keyed by ARN`);
    for (const [arn, t] of Object.entries(v)) {
      if (!arn.startsWith('arn:')) throw new ConfigError(`${at(k)}: key '${arn}' is not an ARN`);
      (out[k] as Record<string, unknown>)[arn] = target(t, `${at(k)}["${arn}"]`, [...extra], out.channels);
    }
  }
  if (raw.cognitoDefaultDailyLimit !== undefined) out.cognitoDefaultDailyLimit = count(raw.cognitoDefaultDailyLimit, at('cognitoDefaultDailyLimit'), 0, 1_000_000_000);
  if (raw.waitMs !== undefined) out.waitMs = count(raw.waitMs, at('waitMs'), 0, 60_000);
  if (raw.maxAttempts !== undefined) out.maxAttempts = count(raw.maxAttempts, at('maxAttempts'), 1, 100);
  if (raw.retryBaseMs !== undefined) out.retryBaseMs = count(raw.retryBaseMs, at('retryBaseMs'), 10, 3_600_000);
  if (raw.pollMs !== undefined) out.pollMs = count(raw.pollMs, at('pollMs'), 10, 60_000);
  if (raw.retentionDays !== undefined) out.retentionDays = count(raw.retentionDays, at('retentionDays'), 0, 36_500);
  return out;
}
