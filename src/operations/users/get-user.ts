import type { GetUserRequest, GetUserResponse } from '@aws-sdk/client-cognito-identity-provider';
import { attributeList, mfaSettings } from '../../domain/user.ts';
import type { Wire } from '../../domain/wire.ts';
import { userOperation } from '../operation.ts';

export default userOperation<GetUserRequest, Wire<GetUserResponse>, never>('GetUser', async (deps, input, ctx) => {
  const { client, user } = ctx;
  // The app client's read permissions decide what it sees (sub always: it names the user);
  // developer-only attributes never, and values pending verification are not attributes yet.
  const readable = client.config.ReadAttributes;
  return {
    Username: user.username,
    UserAttributes: attributeList(user, { only: readable && ['sub', ...readable] }),
    ...mfaSettings(user),
  };
});
