import type { Deps } from '../deps.ts';

/**
 * The pool a request is about, found cheaply before the operation runs (for protection rules and
 * rate quotas): its UserPoolId, the issuer of its access token (not yet verified: only to pick the
 * rules), or the pool of its app client.
 */
export async function poolOfRequest(deps: Pick<Deps, 'store' | 'tokens'>, input: unknown): Promise<string | undefined> {
  if (typeof input !== 'object' || input === null) return undefined;
  const i = input as Record<string, unknown>;
  if (typeof i.UserPoolId === 'string') return i.UserPoolId;
  if (typeof i.AccessToken === 'string') {
    try {
      return deps.tokens.claimedPool(i.AccessToken);
    } catch {
      return undefined;
    }
  }
  if (typeof i.ClientId === 'string') return (await deps.store.clients.getById(i.ClientId))?.poolId;
  return undefined;
}
