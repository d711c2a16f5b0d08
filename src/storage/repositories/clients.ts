import type { ClientRecord } from '../../domain/client.ts';
import type { Page, PageRequest } from './paging.ts';

/** A pool's app clients. */
export interface ClientRepository {
  create(client: ClientRecord): Promise<void>;
  get(poolId: string, clientId: string): Promise<ClientRecord | undefined>;
  /** By client id alone (the operations a user calls name only the client). */
  getById(clientId: string): Promise<ClientRecord | undefined>;
  update(client: ClientRecord): Promise<boolean>;
  delete(poolId: string, clientId: string): Promise<boolean>;
  /** A pool's clients in creation order. */
  list(poolId: string, page: PageRequest): Promise<Page<ClientRecord>>;
  count(poolId: string): Promise<number>;
}
