import type { Operation } from '../operation.ts';
import createUserPoolClient from './create-user-pool-client.ts';
import deleteUserPoolClient from './delete-user-pool-client.ts';
import describeUserPoolClient from './describe-user-pool-client.ts';
import listUserPoolClients from './list-user-pool-clients.ts';
import updateUserPoolClient from './update-user-pool-client.ts';

/** App clients of a pool. */
export const operations: Operation[] = [createUserPoolClient, deleteUserPoolClient, describeUserPoolClient, listUserPoolClients, updateUserPoolClient];
