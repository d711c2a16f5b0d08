/**
 * USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH and ADMIN_NO_SRP_AUTH: the password itself travels
 * (over TLS) and is checked against its scrypt hash (sealed at rest). An unknown user may be migrated by the
 * pool's UserMigration function, which is given the password.
 */
import { hashPassword, verifyPassword } from '../services/passwords/hash.ts';
import { incorrectCredentials, passwordResetRequired } from '../errors/index.ts';
import { findUser } from '../services/directory/users.ts';
import { passwordToCheck } from '../services/passwords/sealed.ts';
import type { AuthAnswer, FlowContext } from './context.ts';
import { checkLockout, recordFailure } from './lockout.ts';
import { afterPassword, unknownUser } from './sign-in.ts';
import { migrateUser, preAuthentication } from './triggers.ts';

export async function passwordSignIn(fc: FlowContext, userName: string, password: string): Promise<AuthAnswer> {
  const { store, clock } = fc.deps;
  let user = await findUser(store, fc.pool, userName);
  let migrated = false;
  if (!user) {
    user = await migrateUser(fc, userName, { source: 'Authentication', password });
    migrated = user !== undefined;
  }
  if (!user) {
    if (fc.client.config.PreventUserExistenceErrors === 'ENABLED') {
      await preAuthentication(fc, undefined, userName, fc.clientMetadata);
      // As slow as a wrong password, so that the time taken does not tell who exists.
      await hashPassword(password, fc.deps.random);
    }
    throw unknownUser(fc);
  }
  await preAuthentication(fc, user, userName, fc.clientMetadata);
  if (user.status === 'RESET_REQUIRED') throw passwordResetRequired();
  checkLockout(user, clock.now());
  // The migration function has just vouched for this password.
  const stored = migrated ? null : passwordToCheck(fc.deps.sealer, fc.ctx.log, user);
  if (!migrated && !(stored && (await verifyPassword(password, stored.hash)))) {
    await recordFailure(store, fc.pool, user.sub, clock.now());
    throw incorrectCredentials();
  }
  return afterPassword(fc, user, undefined);
}
