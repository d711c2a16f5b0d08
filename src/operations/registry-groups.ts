import type { Operation } from './types.ts';
import adminAddUserToGroup from './admin-add-user-to-group.ts';
import adminListGroupsForUser from './admin-list-groups-for-user.ts';
import adminRemoveUserFromGroup from './admin-remove-user-from-group.ts';
import createGroup from './create-group.ts';
import deleteGroup from './delete-group.ts';
import getGroup from './get-group.ts';
import listGroups from './list-groups.ts';
import listUsers from './list-users.ts';
import listUsersInGroup from './list-users-in-group.ts';
import updateGroup from './update-group.ts';

/** The operations of this group, added to the registry in index.ts. */
export const operations: Operation[] = [
  listUsers,
  createGroup,
  getGroup,
  updateGroup,
  deleteGroup,
  listGroups,
  adminAddUserToGroup,
  adminRemoveUserFromGroup,
  adminListGroupsForUser,
  listUsersInGroup,
];
