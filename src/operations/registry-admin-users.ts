import type { Operation } from './types.ts';
import adminConfirmSignUp from './admin-confirm-sign-up.ts';
import adminCreateUser from './admin-create-user.ts';
import adminDeleteUser from './admin-delete-user.ts';
import adminDeleteUserAttributes from './admin-delete-user-attributes.ts';
import adminDisableUser from './admin-disable-user.ts';
import adminEnableUser from './admin-enable-user.ts';
import adminGetUser from './admin-get-user.ts';
import adminResetUserPassword from './admin-reset-user-password.ts';
import adminSetUserPassword from './admin-set-user-password.ts';
import adminUpdateUserAttributes from './admin-update-user-attributes.ts';

/** The operations of this group, added to the registry in index.ts. */
export const operations: Operation[] = [
  adminConfirmSignUp,
  adminCreateUser,
  adminDeleteUser,
  adminDeleteUserAttributes,
  adminDisableUser,
  adminEnableUser,
  adminGetUser,
  adminResetUserPassword,
  adminSetUserPassword,
  adminUpdateUserAttributes,
];
