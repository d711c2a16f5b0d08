import type { ListWebAuthnCredentialsRequest, ListWebAuthnCredentialsResponse } from '@aws-sdk/client-cognito-identity-provider';
import { describePasskey, MAX_PASSKEYS_PER_USER } from '../../domain/passkey.ts';
import { compact, type Wire } from '../../domain/wire.ts';
import { listPage } from '../../services/directory/paging.ts';
import { userOperation } from '../operation.ts';

/** The signed-in user's passkeys, oldest first; MaxResults 0 or absent: the most a page holds (20). */
export default userOperation<ListWebAuthnCredentialsRequest, Wire<ListWebAuthnCredentialsResponse>, 'store'>('ListWebAuthnCredentials', async ({ store }, input, ctx) => {
  const { pool, user } = ctx;
  const page = await listPage({ limit: input.MaxResults || MAX_PASSKEYS_PER_USER, after: input.NextToken }, (p) => store.passkeys.list(pool.id, user.sub, p));
  return compact({ Credentials: page.items.map(describePasskey), NextToken: page.next });
});
