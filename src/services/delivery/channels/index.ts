import { ConfigError } from '../../../ground/config/config.ts';
import type { ChannelConfig } from '../../../ground/config/delivery.ts';
import { createCaptureChannel } from './capture.ts';
import { createSmtpChannel } from './smtp.ts';
import { createSnsChannel } from './sns.ts';
import type { Channel } from './types.ts';
import { createWebhookChannel } from './webhook.ts';

export { DeliveryError, type Channel, type Medium, type OutgoingMessage, type SendResult } from './types.ts';
export { verifyWebhookSignature } from './webhook.ts';

type Check = (v: unknown, key: string) => unknown;
interface Field {
  check: Check;
  required?: boolean;
}

/** Reports a problem with one key of one channel's configuration. */
class Problem extends Error {
  readonly key: string;
  constructor(key: string, message: string) {
    super(message);
    this.key = key;
  }
}

const str: Check = (v, key) => {
  if (typeof v !== 'string' || v.trim() === '') throw new Problem(key, 'must be a non-empty string');
  return v;
};
const bool: Check = (v, key) => {
  if (typeof v !== 'boolean') throw new Problem(key, 'must be true or false');
  return v;
};
const matching = (re: RegExp, what: string): Check => (v, key) => {
  const s = str(v, key) as string;
  if (!re.test(s)) throw new Problem(key, `must be ${what}, got '${s}'`);
  return s;
};
const oneOf = (...values: string[]): Check => (v, key) => {
  if (typeof v !== 'string' || !values.includes(v)) throw new Problem(key, `must be one of ${values.join(', ')}, got ${JSON.stringify(v)}`);
  return v;
};
const url = (...protocols: string[]): Check => (v, key) => {
  const s = str(v, key) as string;
  let parsed: URL;
  try {
    parsed = new URL(s);
  } catch {
    throw new Problem(key, `must be a URL (${protocols.map((p) => `${p}//...`).join(' or ')}), got '${s}'`);
  }
  if (!protocols.includes(parsed.protocol)) throw new Problem(key, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}, got '${parsed.protocol}//'`);
  return s;
};
const timeout: Check = (v, key) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 600_000) throw new Problem(key, `must be a whole number of milliseconds from 1 to 600000, got ${JSON.stringify(v)}`);
  return v;
};
const object = (fields: Record<string, Field>): Check => (v, key) => readObject(v, fields, key);
const stringMap: Check = (v, key) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Problem(key, 'must be an object of strings');
  for (const [k, value] of Object.entries(v)) {
    if (typeof value !== 'string') throw new Problem(`${key}.${k}`, 'must be a string');
  }
  return { ...v };
};

function readObject(raw: unknown, fields: Record<string, Field>, prefix = ''): Record<string, unknown> {
  const at = (k: string) => (prefix ? `${prefix}.${k}` : k);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Problem(prefix, 'must be a JSON object');
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    const field = fields[k];
    if (!field) throw new Problem(at(k), `is not a known key (known: ${Object.keys(fields).join(', ')})`);
    out[k] = field.check(v, at(k));
  }
  for (const [k, field] of Object.entries(fields)) {
    if (field.required && !(k in out)) throw new Problem(at(k), 'is required');
  }
  return out;
}

const type: Field = { check: oneOf('capture', 'smtp', 'sns', 'webhook'), required: true };

const FIELDS: Record<ChannelConfig['type'], Record<string, Field>> = {
  capture: { type },
  smtp: {
    type,
    url: { check: url('smtp:', 'smtps:'), required: true },
    from: { check: str },
    tls: { check: object({ rejectUnauthorized: { check: bool }, ca: { check: str } }) },
    timeoutMs: { check: timeout },
  },
  sns: {
    type,
    region: { check: matching(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'an AWS region (us-east-1)'), required: true },
    endpoint: { check: url('http:', 'https:') },
    credentials: {
      check: object({ accessKeyId: { check: str, required: true }, secretAccessKey: { check: str, required: true }, sessionToken: { check: str } }),
    },
    // SNS's rules: 1 to 11 letters, digits or hyphens, at least one letter.
    senderId: { check: matching(/^(?=.*[A-Za-z])[A-Za-z0-9-]{1,11}$/, '1 to 11 letters, digits or hyphens with at least one letter') },
    originationNumber: { check: matching(/^\+[1-9]\d{1,14}$/, 'an E.164 phone number (+15555550100)') },
    smsType: { check: oneOf('Transactional', 'Promotional') },
    timeoutMs: { check: timeout },
  },
  webhook: {
    type,
    url: { check: url('http:', 'https:'), required: true },
    secret: { check: str, required: true },
    timeoutMs: { check: timeout },
    headers: { check: stringMap },
  },
};

/** Checks one channel entry of the configuration; a ConfigError names the channel and the key. */
export function parseChannelConfig(name: string, raw: unknown): ChannelConfig {
  try {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Problem('', 'must be a JSON object with a "type"');
    const kind = type.check((raw as Record<string, unknown>).type, 'type') as ChannelConfig['type'];
    return readObject(raw, FIELDS[kind]) as ChannelConfig;
  } catch (e) {
    if (!(e instanceof Problem)) throw e;
    if (e.key === 'type' && !('type' in (raw as object))) throw new ConfigError(`channel '${name}': 'type' is required (capture, smtp, sns or webhook)`);
    throw new ConfigError(`channel '${name}'${e.key ? `: '${e.key}'` : ''} ${e.message}`);
  }
}

export function createChannel(name: string, config: ChannelConfig): Channel {
  switch (config.type) {
    case 'capture':
      return createCaptureChannel(name);
    case 'smtp': {
      const { type: _t, ...options } = config;
      return createSmtpChannel(name, options);
    }
    case 'sns': {
      const { type: _t, ...options } = config;
      return createSnsChannel(name, options);
    }
    case 'webhook': {
      const { type: _t, ...options } = config;
      return createWebhookChannel(name, options);
    }
  }
}
