/** The master keys' settings: `masterKey` (seals) and `previousMasterKeys` (still open). */
import { ConfigError } from '../../ground/config/config.ts';

const isKey = (v: string) => Buffer.from(v, 'base64').length === 32;

/** One key: 32 bytes in base64. */
export function parseMasterKey(v: string, name: string): string {
  if (!isKey(v)) throw new ConfigError(`${name} must be 32 bytes in base64 (openssl rand -base64 32)`);
  return v;
}

/** Earlier keys: a list in the config file, comma-separated in a flag or the environment. */
export function parsePreviousMasterKeys(v: unknown, name: string): string[] {
  const keys = typeof v === 'string' ? v.split(',').map((k) => k.trim()).filter(Boolean) : v;
  if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string' && isKey(k))) {
    throw new ConfigError(`${name} must be a list of keys of 32 bytes in base64 (comma-separated in a flag or the environment)`);
  }
  return keys;
}
