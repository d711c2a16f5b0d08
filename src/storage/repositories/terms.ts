import type { TermsRecord } from '../../domain/terms.ts';
import type { Page, PageRequest } from './paging.ts';

/** Terms documents, one of each name per app client; they go with their client and their pool. */
export interface TermsRepository {
  /** Fails with StoreConflict when the client has terms of this name (or the id is taken). */
  create(r: TermsRecord): Promise<void>;
  get(poolId: string, id: string): Promise<TermsRecord | undefined>;
  /** Name, source, enforcement, links and the modification time; StoreConflict when the new name is the client's other terms'. */
  update(r: TermsRecord): Promise<boolean>;
  delete(poolId: string, id: string): Promise<boolean>;
  /** The pool's terms, of every client, in the order they were created. */
  list(poolId: string, page: PageRequest): Promise<Page<TermsRecord>>;
  /** One app client's terms (at most one of each name). */
  forClient(poolId: string, clientId: string): Promise<TermsRecord[]>;
}
