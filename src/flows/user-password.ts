/**
 * USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH and ADMIN_NO_SRP_AUTH: the password itself travels
 * (over TLS) and is checked against its slow hash (sealed at rest). An unknown user may be migrated by the
 * pool's UserMigration function, which is given the password.
 */
import { incorrectCredentials, passwordResetRequired, userNotFound } from '../errors/index.ts';
import { hidesUsers } from '../services/directory/decoys.ts';
import { findUser } from '../services/directory/users.ts';
import { passwordToCheck } from '../services/passwords/sealed.ts';
import type { AuthAnswer, FlowContext } from './context.ts';
import { countedCheck } from './lockout.ts';
import { recordFailedPassword } from './further-steps.ts';
import { afterPassword } from './sign-in.ts';
import { migrateUser, preAuthentication } from './triggers.ts';

export async function passwordSignIn(fc: FlowContext, userName: string, password: string): Promise<AuthAnswer> {
  const { store, clock, passwordHasher } = fc.deps;
  const hiding = hidesUsers(fc.client);
  let user = await findUser(store, fc.pool, userName);
  let migrated = false;
  if (!user) {
    user = await migrateUser(fc, userName, { source: 'Authentication', password });
    migrated = user !== undefined;
  }
  if (!user) {
    if (!hiding) throw userNotFound();
    // Answered as a wrong password is, in as long: counted towards a lockout of the name's own,
    // and checked against a hash of no one's password (the hasher's decoy).
    await preAuthentication(fc, undefined, userName, fc.clientMetadata);
    await countedCheck(store, fc.pool, { unknownName: userName }, clock.now(), () => passwordHasher.verify(password, null));
    throw incorrectCredentials();
  }
  await preAuthentication(fc, user, userName, fc.clientMetadata);
  if (user.status === 'RESET_REQUIRED' && !hiding) throw passwordResetRequired();
  // The migration function has just vouched for this password.
  if (!migrated) {
    // Opened before the attempt is counted: a record no configured key opens is not the user's fault.
    const hash = passwordToCheck(fc.deps.sealer, fc.ctx.log, user)?.hash;
    const right = await countedCheck(store, fc.pool, { sub: user.sub }, clock.now(), () => passwordHasher.verify(password, hash ?? null));
    if (!right) {
      await recordFailedPassword(fc, user);
      throw incorrectCredentials();
    }
  }
  // AWS, with PreventUserExistenceErrors: imported users get "a generic NotAuthorizedException ...
  // instead of PasswordResetRequiredException", so that the answer does not tell they exist.
  if (user.status === 'RESET_REQUIRED') throw incorrectCredentials();
  return afterPassword({ ...fc, signInPassword: password }, user, undefined);
}
