import { ConfigError } from '../../ground/config/config.ts';

/**
 * `compromisedPasswords` in the config file: the known-breached passwords (a list of strings) that
 * CompromisedCredentialsRiskConfiguration checks against. Cognate ships none: what counts as
 * breached is the operator's list (for example the most common passwords of a public breach corpus).
 */
export function parseCompromisedPasswords(v: unknown, at: string): string[] {
  if (!Array.isArray(v) || !v.every((p) => typeof p === 'string' && p.length > 0)) {
    throw new ConfigError(`${at}: 'compromisedPasswords' must be a list of non-empty strings`);
  }
  return [...new Set(v as string[])];
}
