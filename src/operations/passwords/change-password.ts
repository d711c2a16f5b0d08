import type { ChangePasswordRequest, ChangePasswordResponse } from '@aws-sdk/client-cognito-identity-provider';
import { checkPasswordPolicy } from '../../domain/password.ts';
import type { Wire } from '../../domain/wire.ts';
import { attemptLimitExceeded, incorrectCredentials, memberMissing } from '../../errors/index.ts';
import { countedCheck } from '../../flows/lockout.ts';
import { updateUser } from '../../services/directory/users.ts';
import { passwordRecord } from '../../services/passwords/record.ts';
import { passwordToCheck } from '../../services/passwords/sealed.ts';
import { eventContext } from '../../services/threat/context.ts';
import { userOperation } from '../operation.ts';

/**
 * The signed-in user changes their password, proving the current one (PreviousPassword may be left
 * out only by a user who has none). Wrong answers count towards the sign-in lockout; while locked
 * out, LimitExceededException. Sessions already open stay open, as in Cognito.
 */
export default userOperation<ChangePasswordRequest, Wire<ChangePasswordResponse>, 'store' | 'clock' | 'random' | 'sealer' | 'passwordHasher' | 'threat'>('ChangePassword', async (deps, input, ctx) => {
  const { store, clock, random, sealer, passwordHasher } = deps;
  const { pool, user } = ctx;
  checkPasswordPolicy(pool.config, input.ProposedPassword!);
  if (user.password) {
    if (input.PreviousPassword === undefined) {
      throw memberMissing('previousPassword');
    }
    // Opened before the attempt is counted: a record no configured key opens is not the user's fault.
    const stored = passwordToCheck(sealer, ctx.log, user)!;
    const right = await countedCheck(store, pool, { sub: user.sub }, clock.now(), () => passwordHasher.verify(input.PreviousPassword!, stored.hash), attemptLimitExceeded);
    if (!right) throw incorrectCredentials();
  }
  const compromised = await deps.threat.checkNewPassword(pool, ctx.client.clientId, 'PASSWORD_CHANGE', input.ProposedPassword!);
  const now = clock.now();
  const password = await passwordRecord(pool, user, input.ProposedPassword!, { random, sealer, passwordHasher, now });
  await updateUser(store, pool, user.sub, (u) => ({ ...u, password }), now);
  await deps.threat.record(pool, user, 'PasswordChange', eventContext(ctx, ctx.client, undefined), { compromised });
  return {};
});
