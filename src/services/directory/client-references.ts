/**
 * What an app client names beyond itself: identity providers and resource servers' scopes. AWS
 * refuses a client naming a provider the pool does not have ("The provider X does not exist for
 * User Pool …") or a custom scope no resource server of the pool defines (ScopeDoesNotExistException).
 */
import type { ClientConfig } from '../../domain/client.ts';
import { customScope, customScopes } from '../../domain/client-oauth.ts';
import { providerNotInPool, scopeDoesNotExist } from '../../errors/index.ts';
import type { Repositories } from '../../storage/store.ts';

/** Cognito's own user directory, which every pool has. */
export const COGNITO_PROVIDER = 'COGNITO';

export async function checkClientReferences(repos: Pick<Repositories, 'identityProviders' | 'resourceServers'>, poolId: string, config: ClientConfig): Promise<void> {
  for (const name of config.SupportedIdentityProviders ?? []) {
    if (name !== COGNITO_PROVIDER && !(await repos.identityProviders.get(poolId, name))) throw providerNotInPool(name, poolId);
  }
  for (const scope of customScopes(config)) {
    const { identifier, name } = customScope(scope)!;
    const server = await repos.resourceServers.get(poolId, identifier);
    if (!server?.scopes.some((s) => s.ScopeName === name)) throw scopeDoesNotExist(scope);
  }
}
