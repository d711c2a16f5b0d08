import type { GetUserRequest, GetUserResponse } from '@aws-sdk/client-cognito-identity-provider';
import { attributeList, mfaSettings } from '../../domain/users.ts';
import type { Wire } from '../../domain/wire.ts';
import { authenticate } from '../../services/directory/authenticate.ts';
import { operation } from '../operation.ts';

export default operation<GetUserRequest, Wire<GetUserResponse>, 'store' | 'tokens'>('GetUser', async (deps, input) => {
  const { client, user } = await authenticate(deps, input.AccessToken!);
  // The app client's read permissions decide what it sees (sub always: it names the user);
  // developer-only attributes never, and values pending verification are not attributes yet.
  const readable = client.config.ReadAttributes;
  return {
    Username: user.username,
    UserAttributes: attributeList(user, { only: readable && ['sub', ...readable] }),
    ...mfaSettings(user),
  };
});
