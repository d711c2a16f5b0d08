import type { GlobalSignOutRequest, GlobalSignOutResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { Wire } from '../../domain/wire.ts';
import { authenticate } from '../../services/directory/authenticate.ts';
import { operation } from '../operation.ts';

/** Ends every session of the signed-in user: each refresh token and every token issued with one is refused from now on. */
export default operation<GlobalSignOutRequest, Wire<GlobalSignOutResponse>, 'store' | 'clock' | 'tokens'>('GlobalSignOut', async (deps, input) => {
  const { pool, user } = await authenticate(deps, input.AccessToken!);
  await deps.store.tokens.revokeAllForUser(pool.id, user.sub, deps.clock.now());
  return {};
});
