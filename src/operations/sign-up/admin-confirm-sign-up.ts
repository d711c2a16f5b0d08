import type { AdminConfirmSignUpRequest } from '@aws-sdk/client-cognito-identity-provider';
import { cannotConfirm } from '../../errors/index.ts';
import { requireUser, updateUser } from '../../services/directory/users.ts';
import { eventCaller } from '../../services/triggers/caller.ts';
import { postConfirmationEvent } from '../../services/triggers/index.ts';
import { poolOperation } from '../operation.ts';

export default poolOperation<AdminConfirmSignUpRequest, object, 'store' | 'clock' | 'triggers'>('AdminConfirmSignUp', async (deps, input, ctx) => {
  const { pool } = ctx;
  const user = await requireUser(deps.store, pool, input.Username!);
  const confirmed = await updateUser(deps.store, pool, user.sub, (u) => {
    if (u.status !== 'UNCONFIRMED') throw cannotConfirm(u.status);
    return { ...u, status: 'CONFIRMED' };
  }, deps.clock.now());
  // After the change, as in Cognito: a failing function is reported, and the user stays confirmed.
  const arn = pool.config.LambdaConfig?.PostConfirmation;
  if (arn) {
    await deps.triggers.invoke(arn, postConfirmationEvent({
      ...eventCaller(pool, confirmed.username, null, ctx.userAgent),
      triggerSource: 'PostConfirmation_ConfirmSignUp', userAttributes: { ...confirmed.attributes, 'cognito:user_status': confirmed.status }, clientMetadata: input.ClientMetadata,
    }));
  }
  return {};
});
