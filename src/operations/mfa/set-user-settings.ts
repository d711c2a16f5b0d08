import type { SetUserSettingsRequest, SetUserSettingsResponse } from '@aws-sdk/client-cognito-identity-provider';
import { requireActiveStatus } from '../../services/directory/users.ts';
import { updateMfaSettings, withMfaOptions } from '../../services/mfa/preferences.ts';
import { userOperation } from '../operation.ts';

/** The legacy form of SMS MFA: MFAOptions [{DeliveryMedium: SMS, AttributeName: phone_number}] turns it on, [] off. */
export default userOperation<SetUserSettingsRequest, SetUserSettingsResponse, 'store' | 'clock'>('SetUserSettings', async ({ store, clock }, input, ctx) => {
  requireActiveStatus(ctx.user);
  await updateMfaSettings(store, ctx.pool, ctx.user.sub, clock.now(), (u) => withMfaOptions(u, input.MFAOptions!));
  return {};
});
