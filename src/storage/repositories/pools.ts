import type { PoolRecord } from '../../domain/pool.ts';
import type { Page, PageRequest } from './paging.ts';

/** The user pools. */
export interface PoolRepository {
  /** Fails with StoreConflict if the id exists. */
  create(pool: PoolRecord): Promise<void>;
  get(id: string): Promise<PoolRecord | undefined>;
  /** Replaces the stored record; false when the pool does not exist. */
  update(pool: PoolRecord): Promise<boolean>;
  /** Deletes the pool and everything in it; false when it did not exist. */
  delete(id: string): Promise<boolean>;
  /** In creation order. */
  list(page: PageRequest): Promise<Page<PoolRecord>>;
  count(): Promise<number>;
}
