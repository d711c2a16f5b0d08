/**
 * Identity providers as operations see them: secrets sealed on the way into the store and opened
 * on the way out (Describe returns client_secret as AWS does), and the provider a request names.
 */
import { SECRET_DETAILS, type IdentityProviderRecord } from '../../domain/identity-provider.ts';
import { shownProviderDetails } from '../../domain/provider-details.ts';
import { providerNotFound } from '../../errors/index.ts';
import type { Repositories } from '../../storage/store.ts';
import type { Sealer } from '../sealing/sealer.ts';

/** The sealed value is bound to its pool, provider and key, so it does not open as another's. */
const bound = (poolId: string, name: string, key: string, value: string) => JSON.stringify([poolId, name, key, value]);

export function sealDetails(sealer: Sealer, poolId: string, name: string, details: Record<string, string>): Record<string, string> {
  const sealed = { ...details };
  for (const key of SECRET_DETAILS) if (sealed[key] !== undefined) sealed[key] = sealer.seal(bound(poolId, name, key, sealed[key]), 'idp-secret');
  return sealed;
}

export function openDetails(sealer: Sealer, p: IdentityProviderRecord): Record<string, string> {
  const opened = { ...p.details };
  for (const key of SECRET_DETAILS) {
    if (opened[key] === undefined) continue;
    const [poolId, name, k, value] = JSON.parse(sealer.open(opened[key], 'idp-secret')) as string[];
    // A value moved to another provider's row does not open as this one's.
    if (poolId !== p.poolId || name !== p.name || k !== key) throw new Error(`the ${key} of identity provider ${p.name} is bound to another provider`);
    opened[key] = value;
  }
  return opened;
}

/** The details Describe, Create and Update answer with. */
export const detailsShown = (sealer: Sealer, p: IdentityProviderRecord) => shownProviderDetails(p.type, openDetails(sealer, p));

export async function requireProvider(repos: Pick<Repositories, 'identityProviders'>, poolId: string, name: string): Promise<IdentityProviderRecord> {
  const p = await repos.identityProviders.get(poolId, name);
  if (!p) throw providerNotFound(name);
  return p;
}
