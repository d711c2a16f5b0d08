/** The config file's code settings: the HMAC secrets (`codeSecrets`) and how long codes last (`codeValidity`). */
import { ConfigError, type Config } from '../../ground/config/config.ts';
import { DEFAULT_VALIDITY } from './codes.ts';

/** Checks `codeSecrets`: newest first, each at least 32 characters, ids unique. */
export function parseCodeSecrets(v: unknown, where: string): Config['codeSecrets'] {
  const ok = Array.isArray(v) && v.every((s) => typeof s?.id === 'string' && s.id && typeof s?.secret === 'string' && s.secret.length >= 32);
  if (!ok) throw new ConfigError(`${where}: 'codeSecrets' must be a list of {"id": "...", "secret": "at least 32 characters"}, newest first`);
  const ids = v.map((s: { id: string }) => s.id);
  if (new Set(ids).size !== ids.length) throw new ConfigError(`${where}: 'codeSecrets' ids must be unique`);
  return v.map((s: { id: string; secret: string }) => ({ id: s.id, secret: s.secret }));
}

/** Checks `codeValidity`: whole seconds per purpose, from a minute to 30 days. */
export function parseCodeValidity(v: unknown, where: string): Config['codeValidity'] {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ConfigError(`${where}: 'codeValidity' must be an object of seconds per purpose`);
  for (const [k, n] of Object.entries(v)) {
    if (!(k in DEFAULT_VALIDITY)) throw new ConfigError(`${where}: codeValidity.${k} is not a purpose (${Object.keys(DEFAULT_VALIDITY).join(', ')})`);
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 60 || n > 30 * 86400) throw new ConfigError(`${where}: codeValidity.${k} must be whole seconds from 60 to 2592000`);
  }
  return v as Config['codeValidity'];
}
