import type { Operation } from '../operation.ts';
import adminCreateUser from './admin-create-user.ts';
import adminDeleteUser from './admin-delete-user.ts';
import adminDisableUser from './admin-disable-user.ts';
import adminEnableUser from './admin-enable-user.ts';
import adminGetUser from './admin-get-user.ts';
import deleteUser from './delete-user.ts';
import getUser from './get-user.ts';
import listUsers from './list-users.ts';

/** Users: an administrator's and a signed-in user's own. */
export const operations: Operation[] = [adminCreateUser, adminDeleteUser, adminDisableUser, adminEnableUser, adminGetUser, deleteUser, getUser, listUsers];
