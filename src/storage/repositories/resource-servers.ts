import type { ResourceServerRecord } from '../../domain/resource-server.ts';
import type { Page, PageRequest } from './paging.ts';

/** A pool's resource servers, by identifier; they go with their pool. */
export interface ResourceServerRepository {
  /** Fails with StoreConflict when the pool has a server of this identifier. */
  create(r: ResourceServerRecord): Promise<void>;
  get(poolId: string, identifier: string): Promise<ResourceServerRecord | undefined>;
  /** Name and scopes. */
  update(r: ResourceServerRecord): Promise<boolean>;
  delete(poolId: string, identifier: string): Promise<boolean>;
  /** In the order they were created. */
  list(poolId: string, page: PageRequest): Promise<Page<ResourceServerRecord>>;
}
