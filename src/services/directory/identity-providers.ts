/**
 * Identity providers as operations see them: secrets sealed on the way into the store and opened
 * on the way out (Describe returns client_secret as AWS does), and the provider a request names.
 */
import { SECRET_DETAILS, SOCIAL_TYPES, type IdentityProviderRecord, type ProviderType } from '../../domain/identity-provider.ts';
import { DEFAULT_USERNAME_CLAIM, shownProviderDetails } from '../../domain/provider-details.ts';
import { identifierRepeated, identifierTaken, providerExists, providerNameReserved, providerNotFound, socialProviderName } from '../../errors/index.ts';
import { StoreConflict } from '../../storage/repositories/conflicts.ts';
import { IdentifierConflict } from '../../storage/repositories/identity-providers.ts';
import type { Repositories } from '../../storage/store.ts';
import { SealedValueError, type Sealer } from '../sealing/sealer.ts';

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

/**
 * The details opened, less any secret no configured master key opens (or one moved from another
 * provider's row): left out and logged, never a 5xx; an update that gives it again seals it anew.
 */
export function readableDetails(sealer: Sealer, p: IdentityProviderRecord, log?: { warn(o: object, msg: string): void }): Record<string, string> {
  const readable = { ...p.details };
  for (const key of SECRET_DETAILS) {
    if (readable[key] === undefined) continue;
    try {
      openDetails(sealer, { ...p, details: { [key]: readable[key] } });
    } catch (e) {
      log?.warn({ provider: p.name, detail: key, keyId: e instanceof SealedValueError ? e.keyId : undefined }, 'identity provider secret cannot be opened; left out');
      delete readable[key];
    }
  }
  return openDetails(sealer, { ...p, details: readable });
}

/** The details Describe, Create and Update answer with. */
export const detailsShown = (sealer: Sealer, p: IdentityProviderRecord, log?: { warn(o: object, msg: string): void }) =>
  shownProviderDetails(p.type, readableDetails(sealer, p, log));

export async function requireProvider(repos: Pick<Repositories, 'identityProviders'>, poolId: string, name: string): Promise<IdentityProviderRecord> {
  const p = await repos.identityProviders.get(poolId, name);
  if (!p) throw providerNotFound(name);
  return p;
}

/** Refuses a name AWS keeps for itself, and a social provider not named after its type. */
export function checkProviderName(name: string, type: ProviderType): void {
  if (name.toLowerCase() === 'cognito') throw providerNameReserved(name);
  if (SOCIAL_TYPES.includes(type) && name !== type) throw socialProviderName(type);
}

/** Identifiers as given, each once. */
export function checkIdentifiers(identifiers: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const id of identifiers) {
    if (seen.has(id)) throw identifierRepeated(id);
    seen.add(id);
  }
  return [...identifiers];
}

/** The mapping as given, with AWS's username claim for the type when it names none. */
export function withDefaultMapping(type: ProviderType, mapping: Record<string, string>): Record<string, string> {
  const claim = DEFAULT_USERNAME_CLAIM[type];
  return claim === undefined || mapping.username !== undefined ? { ...mapping } : { username: claim, ...mapping };
}

/** Runs a store write, turning the store's conflicts into Cognito's errors. */
export async function writingProvider<T>(poolId: string, name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (e instanceof StoreConflict) throw providerExists(name, poolId);
    if (e instanceof IdentifierConflict) throw identifierTaken(e.identifier);
    throw e;
  }
}
