import type { AdminGetUserRequest, AdminGetUserResponse } from '@aws-sdk/client-cognito-identity-provider';
import { attributeList, mfaSettings } from '../../domain/user.ts';
import { epochSeconds, type Wire } from '../../domain/wire.ts';
import { requireUser } from '../../services/directory/users.ts';
import { poolOperation } from '../operation.ts';

export default poolOperation<AdminGetUserRequest, Wire<AdminGetUserResponse>, 'store'>('AdminGetUser', async ({ store }, input, ctx) => {
  const user = await requireUser(store, ctx.pool, input.Username!);
  // Administrators see every attribute, developer-only ones included; pending values are not attributes yet.
  return {
    Username: user.username,
    UserAttributes: attributeList(user, { includeDeveloperOnly: true }),
    UserCreateDate: epochSeconds(user.createdAt),
    UserLastModifiedDate: epochSeconds(user.lastModifiedAt),
    Enabled: user.enabled,
    UserStatus: user.status,
    ...mfaSettings(user),
  };
});
