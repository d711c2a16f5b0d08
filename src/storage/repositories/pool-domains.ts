import type { PoolDomainRecord } from '../../domain/pool-domain.ts';

/** User pool domains: each name is the server's once (AWS: the region's), each pool has one of each kind at most. */
export interface PoolDomainRepository {
  /** Fails with StoreConflict when the name is taken (by any pool) or the pool has a domain of this kind. */
  create(d: PoolDomainRecord): Promise<void>;
  get(domain: string): Promise<PoolDomainRecord | undefined>;
  /** The pool's domains, the prefix one first. */
  forPool(poolId: string): Promise<PoolDomainRecord[]>;
  update(d: PoolDomainRecord): Promise<boolean>;
  delete(domain: string): Promise<boolean>;
}
