import type { IdentityProviderRecord } from '../../domain/identity-provider.ts';
import type { Page, PageRequest } from './paging.ts';

/** Thrown by create/update when an IdP identifier is another provider's in the pool. */
export class IdentifierConflict extends Error {
  readonly identifier: string;
  constructor(identifier: string) {
    super(`identifier ${identifier} is taken`);
    this.identifier = identifier;
  }
}

/** A pool's identity providers, by name and by their identifiers (each unique in the pool). */
export interface IdentityProviderRepository {
  /** Fails with StoreConflict when the name exists, IdentifierConflict when an identifier does. */
  create(p: IdentityProviderRecord): Promise<void>;
  get(poolId: string, name: string): Promise<IdentityProviderRecord | undefined>;
  getByIdentifier(poolId: string, identifier: string): Promise<IdentityProviderRecord | undefined>;
  /** Replaces details, mapping and identifiers (IdentifierConflict as create); false if it is gone. */
  update(p: IdentityProviderRecord): Promise<boolean>;
  delete(poolId: string, name: string): Promise<boolean>;
  /** A pool's providers in the order they were created. */
  list(poolId: string, page: PageRequest): Promise<Page<IdentityProviderRecord>>;
  count(poolId: string): Promise<number>;
  /** Every pool's providers (for `cognate reseal`). */
  listAll(page: PageRequest): Promise<Page<IdentityProviderRecord>>;
  /** Writes `details` only if the provider still holds `expected` (compared as stored); false otherwise. */
  reseal(poolId: string, name: string, expected: Record<string, string>, details: Record<string, string>): Promise<boolean>;
}
