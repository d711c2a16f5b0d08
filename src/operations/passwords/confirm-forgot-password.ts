import type { ConfirmForgotPasswordRequest, ConfirmForgotPasswordResponse } from '@aws-sdk/client-cognito-identity-provider';
import { checkPasswordPolicy } from '../../domain/password.ts';
import { FORGOT_PASSWORD_CODE } from '../../domain/recovery.ts';
import type { Wire } from '../../domain/wire.ts';
import { userDisabled, userNotFoundForClient } from '../../errors/index.ts';
import { clearFailures } from '../../flows/lockout.ts';
import type { VerifyResult } from '../../services/codes/codes.ts';
import { confirmationRefusal } from '../../services/codes/confirmation-error.ts';
import { checkSecretHash } from '../../services/directory/client-secrets.ts';
import { hidesUsers } from '../../services/directory/decoys.ts';
import { findUser, updateUser } from '../../services/directory/users.ts';
import { passwordRecord } from '../../services/passwords/record.ts';
import { eventContext } from '../../services/threat/context.ts';
import { eventCaller } from '../../services/triggers/caller.ts';
import { postConfirmationEvent } from '../../services/triggers/index.ts';
import { clientOperation } from '../operation.ts';

/**
 * Sets a new password with the code ForgotPassword (or AdminResetUserPassword) sent. A user whose
 * password had to be reset becomes CONFIRMED; earlier failed sign-ins are forgotten. Then the
 * pool's PostConfirmation function runs (PostConfirmation_ConfirmForgotPassword).
 */
export default clientOperation<ConfirmForgotPasswordRequest, Wire<ConfirmForgotPasswordResponse>, 'store' | 'clock' | 'random' | 'sealer' | 'passwordHasher' | 'codes' | 'triggers' | 'threat'>(
  'ConfirmForgotPassword',
  async (deps, input, ctx) => {
    const { store, clock, random, sealer, passwordHasher, codes } = deps;
    const { pool, client } = ctx;
    checkSecretHash(client, input.Username!, input.SecretHash);
    const user = await findUser(store, pool, input.Username!);
    if (!hidesUsers(client)) {
      if (!user) throw userNotFoundForClient();
      if (!user.enabled) throw userDisabled();
    }
    // The policy first, so that a refused password does not use up the code (and, where the client
    // hides users, so that it is refused for every name alike).
    checkPasswordPolicy(pool.config, input.Password!);
    // AWS, with PreventUserExistenceErrors: "CodeMismatchException error for users that don't exist
    // or are disabled": such a name has no code to check, as a user who asked for none.
    const refused = (result: Exclude<VerifyResult, { status: 'ok' }>) => confirmationRefusal(deps, ctx, input.Username!, FORGOT_PASSWORD_CODE.purpose, result);
    if (!user?.enabled) throw await refused({ status: 'missing' });
    const result = await codes.verify(store.codes, { poolId: pool.id, userId: user.sub, ...FORGOT_PASSWORD_CODE }, input.ConfirmationCode!);
    if (result.status !== 'ok') throw await refused(result);

    const compromised = await deps.threat.checkNewPassword(pool, client.clientId, 'PASSWORD_CHANGE', input.Password!);
    const now = clock.now();
    const password = await passwordRecord(pool, user, input.Password!, { random, sealer, passwordHasher, now });
    const updated = await updateUser(store, pool, user.sub, (u) => ({
      ...u,
      password,
      status: u.status === 'RESET_REQUIRED' || u.status === 'FORCE_CHANGE_PASSWORD' ? 'CONFIRMED' : u.status,
    }), now);
    await clearFailures(store, pool, user.sub);
    await deps.threat.record(pool, updated, 'PasswordChange', eventContext(ctx, client, { userContextData: input.UserContextData }), { compromised });

    const arn = pool.config.LambdaConfig?.PostConfirmation;
    if (arn) {
      await deps.triggers.invoke(arn, postConfirmationEvent({
        triggerSource: 'PostConfirmation_ConfirmForgotPassword', ...eventCaller(pool, updated.username, client.clientId, ctx.userAgent),
        userAttributes: { ...updated.attributes, 'cognito:user_status': updated.status }, clientMetadata: input.ClientMetadata,
      }));
    }
    return {};
  },
);
