/**
 * What an app client names beyond itself: identity providers and resource servers' scopes. AWS
 * refuses a client naming a provider the pool does not have ("The provider X does not exist for
 * User Pool …") or a custom scope no resource server of the pool defines (ScopeDoesNotExistException).
 */
import type { ClientConfig } from '../../domain/client.ts';
import { COGNITO_SCOPES, customScope, customScopes } from '../../domain/client-oauth.ts';
import { providerNotInPool, scopeDoesNotExist } from '../../errors/index.ts';
import type { Repositories } from '../../storage/store.ts';

/** Cognito's own user directory, which every pool has. */
export const COGNITO_PROVIDER = 'COGNITO';

export async function checkClientReferences(repos: Pick<Repositories, 'identityProviders' | 'resourceServers'>, poolId: string, config: ClientConfig): Promise<void> {
  for (const name of config.SupportedIdentityProviders ?? []) {
    if (name !== COGNITO_PROVIDER && !(await repos.identityProviders.get(poolId, name))) throw providerNotInPool(name, poolId);
  }
  const named = customScopes(config);
  const defined = new Set(await existingScopes(repos, poolId, named));
  const missing = named.find((s) => !defined.has(s));
  if (missing !== undefined) throw scopeDoesNotExist(missing);
}

/**
 * The custom scopes among `scopes` that a resource server of the pool still defines. AWS lets a
 * resource server (or a scope of it) go while clients still name it (its scopes are "only
 * referenced in the OAuth configuration of a user pool client", aws-cloudformation/
 * cloudformation-coverage-roadmap#173); a scope that no longer exists is granted to no one.
 */
export async function existingScopes(repos: Pick<Repositories, 'resourceServers'>, poolId: string, scopes: string[]): Promise<string[]> {
  const out: string[] = [];
  const servers = new Map<string, Awaited<ReturnType<Repositories['resourceServers']['get']>>>();
  for (const scope of scopes) {
    const custom = customScope(scope);
    if (!custom || COGNITO_SCOPES.has(scope)) {
      out.push(scope);
      continue;
    }
    if (!servers.has(custom.identifier)) servers.set(custom.identifier, await repos.resourceServers.get(poolId, custom.identifier));
    if (servers.get(custom.identifier)?.scopes.some((s) => s.ScopeName === custom.name)) out.push(scope);
  }
  return out;
}
