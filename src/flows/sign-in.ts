/** Steps every sign-in shares once the user has proven who they are (or failed to). */
import type { UserRecord } from '../domain/user.ts';
import { incorrectCredentials, passwordResetRequired, temporaryPasswordExpired, userDisabled, userNotConfirmed, userNotFound } from '../errors/index.ts';
import { findUser } from '../services/directory/users.ts';
import { renewAfterSignIn } from '../services/passwords/sealed.ts';
import type { AuthAnswer, FlowContext } from './context.ts';
import { afterFirstFactor } from './further-steps.ts';
import { newSession } from './session.ts';

/** What a user's state allows, once the password is right. */
export function checkUsable(user: UserRecord): void {
  if (!user.enabled) throw userDisabled();
  if (user.status === 'UNCONFIRMED') throw userNotConfirmed();
  if (user.status === 'RESET_REQUIRED') throw passwordResetRequired();
}

/**
 * After a right password or SRP proof: the user's state, then either the NEW_PASSWORD_REQUIRED
 * challenge (a temporary password, still valid) or the further steps and the tokens. `clientMetadata` is the
 * RespondToAuthChallenge ClientMetadata (InitiateAuth's reaches only PreAuthentication).
 */
export async function afterPassword(fc: FlowContext, user: UserRecord, clientMetadata: Record<string, string> | undefined): Promise<AuthAnswer> {
  checkUsable(user);
  // Now that the password is proven: a record in clear, or under an earlier master key, is sealed
  // anew, and a hash under weaker parameters made again.
  const signedIn = await renewAfterSignIn(fc.deps.store, fc.deps, fc.pool, user, fc.signInPassword);
  if (signedIn.status === 'FORCE_CHANGE_PASSWORD') {
    const expiresAt = signedIn.password?.expiresAt;
    if (expiresAt && fc.deps.clock.now() > expiresAt) throw temporaryPasswordExpired();
    return newPasswordChallenge(fc, signedIn);
  }
  return afterFirstFactor(fc, signedIn, { source: 'TokenGeneration_Authentication', clientMetadata });
}

/** The attributes the pool requires that the user lacks, as the challenge names them. */
export function missingRequired(fc: FlowContext, attributes: Record<string, string>): string[] {
  return (fc.pool.config.SchemaAttributes ?? []).filter((a) => a.Required && a.Name !== 'sub' && !attributes[a.Name!]).map((a) => a.Name!);
}

/**
 * NEW_PASSWORD_REQUIRED: the user's current attributes (less sub and developer-only ones) and the
 * required ones still missing, which the answer may set as `userAttributes.<name>`.
 */
export async function newPasswordChallenge(fc: FlowContext, user: UserRecord): Promise<AuthAnswer> {
  const shown = Object.fromEntries(Object.entries(user.attributes).filter(([name]) => name !== 'sub' && !name.startsWith('dev:')));
  const Session = await newSession(fc, { sub: user.sub, challenge: 'NEW_PASSWORD_REQUIRED', state: {} });
  return {
    ChallengeName: 'NEW_PASSWORD_REQUIRED',
    Session,
    ChallengeParameters: {
      USER_ID_FOR_SRP: user.username,
      requiredAttributes: JSON.stringify(missingRequired(fc, user.attributes).map((n) => `userAttributes.${n}`)),
      userAttributes: JSON.stringify(shown),
    },
  };
}

/** The user a challenge answer's USERNAME names must be the one the session is for. */
export async function sessionUser(fc: FlowContext, sub: string, username: string): Promise<UserRecord> {
  const user = await fc.deps.store.users.get(fc.pool.id, sub);
  if (!user) throw userNotFound();
  const named = await findUser(fc.deps.store, fc.pool, username);
  if (named?.sub !== user.sub) throw incorrectCredentials();
  return user;
}
