import type { GetUserRequest, GetUserResponse, MFAOptionType } from '@aws-sdk/client-cognito-identity-provider';
import { attributeList } from '../domain/users.ts';
import { compact, type Wire } from '../domain/wire.ts';
import type { UserRecord } from '../storage/types.ts';
import { authenticate } from './access-token.ts';
import { operation } from './types.ts';

/**
 * The MFA members of GetUser/AdminGetUser, kept in `settings` under the API's own names by the
 * operations that set them (SetUserMFAPreference, SetUserSettings and their Admin* forms).
 */
export function mfaSettings(u: UserRecord): Pick<Wire<GetUserResponse>, 'MFAOptions' | 'PreferredMfaSetting' | 'UserMFASettingList'> {
  const { MFAOptions, PreferredMfaSetting, UserMFASettingList } = u.settings as {
    MFAOptions?: MFAOptionType[];
    PreferredMfaSetting?: string;
    UserMFASettingList?: string[];
  };
  return compact({
    MFAOptions: MFAOptions?.length ? MFAOptions : undefined,
    PreferredMfaSetting,
    UserMFASettingList: UserMFASettingList?.length ? UserMFASettingList : undefined,
  });
}

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
