import type { AdminSetUserMFAPreferenceRequest, AdminSetUserMFAPreferenceResponse } from '@aws-sdk/client-cognito-identity-provider';
import { requireActiveStatus, requireUser } from '../../services/directory/users.ts';
import { updateMfaSettings, withPreference } from '../../services/mfa/preferences.ts';
import { poolOperation } from '../operation.ts';

/** An administrator sets a user's MFA factors and preferred one, with the rules a user's own request follows. */
export default poolOperation<AdminSetUserMFAPreferenceRequest, AdminSetUserMFAPreferenceResponse, 'store' | 'clock'>(
  'AdminSetUserMFAPreference',
  async ({ store, clock }, input, ctx) => {
    const user = await requireUser(store, ctx.pool, input.Username!);
    requireActiveStatus(user);
    await updateMfaSettings(store, ctx.pool, user.sub, clock.now(), (u) => withPreference(ctx.pool, u, input));
    return {};
  },
);
