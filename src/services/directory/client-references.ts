/**
 * What an app client names beyond itself: identity providers and resource servers' scopes. AWS
 * refuses a client naming a provider the pool does not have. This is the one place to look them
 * up: when identity providers land, look each name other than COGNITO up in the pool's providers;
 * when resource servers land, look each custom scope (see customScope) up in the pool's resource
 * servers and answer scopeDoesNotExist for one that is missing.
 */
import type { ClientConfig } from '../../domain/client.ts';
import { providerNotInPool } from '../../errors/index.ts';

/** Cognito's own user directory, which every pool has. */
export const COGNITO_PROVIDER = 'COGNITO';

export function checkClientReferences(poolId: string, config: ClientConfig): void {
  // The pool has no other identity providers yet, so COGNITO is the only name that exists.
  const missing = (config.SupportedIdentityProviders ?? []).find((p) => p !== COGNITO_PROVIDER);
  if (missing !== undefined) throw providerNotInPool(missing, poolId);
  // Custom scopes are checked for their form (identifier/name) in domain/client-oauth.ts; their
  // resource servers cannot be created yet, so their existence is checked once those land.
}
