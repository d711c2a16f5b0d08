import type { Operation } from '../operation.ts';
import addCustomAttributes from './add-custom-attributes.ts';
import createUserPool from './create-user-pool.ts';
import deleteUserPool from './delete-user-pool.ts';
import describeUserPool from './describe-user-pool.ts';
import listUserPools from './list-user-pools.ts';
import updateUserPool from './update-user-pool.ts';

/** User pools: create, describe, update, delete, list, and their custom attributes. */
export const operations: Operation[] = [addCustomAttributes, createUserPool, deleteUserPool, describeUserPool, listUserPools, updateUserPool];
