import type { SetUserMFAPreferenceRequest, SetUserMFAPreferenceResponse } from '@aws-sdk/client-cognito-identity-provider';
import { requireActiveStatus } from '../../services/directory/users.ts';
import { updateMfaSettings, withPreference } from '../../services/mfa/preferences.ts';
import { userOperation } from '../operation.ts';

/** A signed-in user turns their MFA factors on or off and picks the preferred one (services/mfa/preferences.ts). */
export default userOperation<SetUserMFAPreferenceRequest, SetUserMFAPreferenceResponse, 'store' | 'clock'>('SetUserMFAPreference', async ({ store, clock }, input, ctx) => {
  requireActiveStatus(ctx.user);
  await updateMfaSettings(store, ctx.pool, ctx.user.sub, clock.now(), (u) => withPreference(ctx.pool, u, input));
  return {};
});
