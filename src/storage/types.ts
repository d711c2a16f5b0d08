/**
 * Repository interfaces. Operations see only these; each store adapter (SQLite now,
 * PostgreSQL later) implements them and passes the same contract suite (contract.ts).
 * Documents (`config`) are opaque JSON to the store: the domain owns their shape.
 */
import type { PoolConfig } from '../domain/pool.ts';
import type { ClientConfig } from '../domain/client.ts';

export interface PoolRecord {
  id: string;
  name: string;
  /** Epoch milliseconds. */
  createdAt: number;
  lastModifiedAt: number;
  config: PoolConfig;
}

export interface ClientRecord {
  poolId: string;
  clientId: string;
  name: string;
  /** The app client secret, when it has one. Returned by DescribeUserPoolClient, so kept as is. */
  secret: string | null;
  createdAt: number;
  lastModifiedAt: number;
  config: ClientConfig;
}

export interface Page<T> {
  items: T[];
  /** Opaque position after the last item; absent on the last page. */
  next?: string;
}

export interface PageRequest {
  limit: number;
  /** A `next` from an earlier page of the same listing. */
  after?: string;
}

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

export interface ClientRepository {
  create(client: ClientRecord): Promise<void>;
  get(poolId: string, clientId: string): Promise<ClientRecord | undefined>;
  update(client: ClientRecord): Promise<boolean>;
  delete(poolId: string, clientId: string): Promise<boolean>;
  /** A pool's clients in creation order. */
  list(poolId: string, page: PageRequest): Promise<Page<ClientRecord>>;
  count(poolId: string): Promise<number>;
}

export interface Repositories {
  pools: PoolRepository;
  clients: ClientRepository;
}

export interface Store extends Repositories {
  /** Runs `fn` atomically: every repository call through `tx` commits together or not at all. */
  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T>;
  /** Cheap liveness check for /health. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A unique key was taken (an id collision); callers retry with a fresh id. */
export class StoreConflict extends Error {}

/** A `next` token that this listing did not issue. */
export class BadCursor extends Error {}
