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
import { operations as adminUsers } from './registry-admin-users.ts';
import { operations as auth } from './registry-auth.ts';
import { operations as groups } from './registry-groups.ts';
import { operations as self } from './registry-self.ts';
import { operations as signUp } from './registry-sign-up.ts';
import { operations as verification } from './registry-verification.ts';

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
    ...signUp,
    ...adminUsers,
    ...groups,
    ...self,
    ...auth,
    ...verification,
  ].map((op) => [op.name, op]),
);
