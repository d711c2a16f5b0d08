/**
 * The one contract every store adapter passes: each repository exercised through its interface
 * only, part by part (pools and clients, users, delivery with codes, invocations and challenge
 * sessions). An adapter's test file calls `storeContract` with a factory for a fresh store.
 */
import type { Store } from '../store.ts';
import { authSessionsContract, deliveryContract, invocationsContract } from './delivery.ts';
import { poolsAndClientsContract } from './pools-clients.ts';
import { usersContract } from './users.ts';

export function storeContract(name: string, open: () => Promise<Store>): void {
  poolsAndClientsContract(name, open);
  usersContract(name, open);
  deliveryContract(name, open);
  invocationsContract(name, open);
  authSessionsContract(name, open);
}
