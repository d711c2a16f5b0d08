import type { AdminSetUserSettingsRequest, AdminSetUserSettingsResponse } from '@aws-sdk/client-cognito-identity-provider';
import { requireUser } from '../../services/directory/users.ts';
import { updateMfaSettings, withMfaOptions } from '../../services/mfa/preferences.ts';
import { poolOperation } from '../operation.ts';

/** SetUserSettings for an administrator: a user's legacy SMS MFA option. */
export default poolOperation<AdminSetUserSettingsRequest, AdminSetUserSettingsResponse, 'store' | 'clock'>('AdminSetUserSettings', async ({ store, clock }, input, ctx) => {
  const user = await requireUser(store, ctx.pool, input.Username!);
  await updateMfaSettings(store, ctx.pool, user.sub, clock.now(), (u) => withMfaOptions(u, input.MFAOptions!));
  return {};
});
