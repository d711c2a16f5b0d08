import type { Operation } from './types.ts';
import addCustomAttributes from './add-custom-attributes.ts';
import createUserPool from './create-user-pool.ts';
import createUserPoolClient from './create-user-pool-client.ts';
import deleteUserPool from './delete-user-pool.ts';
import deleteUserPoolClient from './delete-user-pool-client.ts';
import describeUserPool from './describe-user-pool.ts';
import describeUserPoolClient from './describe-user-pool-client.ts';
import listUserPoolClients from './list-user-pool-clients.ts';
import listUserPools from './list-user-pools.ts';
import updateUserPool from './update-user-pool.ts';
import updateUserPoolClient from './update-user-pool-client.ts';

/** The operations Cognate implements, by name. The model knows all the others. */
export const registry: ReadonlyMap<string, Operation> = new Map(
  [
    addCustomAttributes,
    createUserPool,
    createUserPoolClient,
    deleteUserPool,
    deleteUserPoolClient,
    describeUserPool,
    describeUserPoolClient,
    listUserPoolClients,
    listUserPools,
    updateUserPool,
    updateUserPoolClient,
  ].map((op) => [op.name, op]),
);
