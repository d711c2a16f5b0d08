import type { Operation } from './types.ts';
import deleteUser from './delete-user.ts';
import deleteUserAttributes from './delete-user-attributes.ts';
import getUser from './get-user.ts';

/** The operations of this group, added to the registry in index.ts. */
export const operations: Operation[] = [getUser, deleteUser, deleteUserAttributes];
