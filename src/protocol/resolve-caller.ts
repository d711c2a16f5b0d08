import type { Deps } from '../services/deps.ts';
import { missingParameter } from '../errors/index.ts';
import { authenticate } from '../services/directory/authenticate.ts';
import { requireClientById } from '../services/directory/clients.ts';
import { requirePool } from '../services/directory/pools.ts';
import type { Resolved, Resolves } from '../services/request-context.ts';

/** The request member each kind of operation is resolved from. */
const MEMBER: Record<Exclude<Resolves, 'nothing'>, string> = { pool: 'UserPoolId', client: 'ClientId', user: 'AccessToken' };

/**
 * Who and what the request names, resolved once: the pool of its UserPoolId, the app client of
 * its ClientId (and the client's pool), or the user its access token names (the token verified).
 * Rejects with the Cognito error the operation would answer (no such pool, client or user; a bad token).
 */
export async function resolveCaller(deps: Pick<Deps, 'store' | 'tokens'>, resolves: Resolves, input: unknown): Promise<Resolved> {
  if (resolves === 'nothing') return {};
  const value = (input as Record<string, unknown>)[MEMBER[resolves]] as string;
  // A few operations' models leave the member optional (UpdateManagedLoginBranding's UserPoolId,
  // GetDevice's AccessToken), yet nothing else names the caller.
  if (typeof value !== 'string') throw missingParameter(MEMBER[resolves]);
  switch (resolves) {
    case 'pool':
      return { pool: await requirePool(deps.store, value) };
    case 'client':
      return requireClientById(deps.store, value);
    case 'user':
      return authenticate(deps, value);
  }
}

/**
 * Whether the member to resolve is there to look at before the input is validated: a string.
 * When it is not, validation refuses the request anyway.
 */
export function resolvable(resolves: Resolves, input: unknown): boolean {
  if (resolves === 'nothing') return true;
  if (typeof input !== 'object' || input === null) return false;
  return typeof (input as Record<string, unknown>)[MEMBER[resolves]] === 'string';
}
