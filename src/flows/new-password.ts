/**
 * RespondToAuthChallenge NEW_PASSWORD_REQUIRED: the user signed in with a temporary password and
 * now chooses their own (the pool's policy applies), setting any required attribute they lack as
 * `userAttributes.<name>`. The user becomes CONFIRMED and gets tokens.
 */
import { checkAttributes, VERIFIED_FLAGS } from '../domain/attributes.ts';
import type { AuthSessionRecord } from '../domain/auth-session.ts';
import { checkPasswordPolicy } from '../domain/password.ts';
import { CognitoError, challengeAttributesMissing, invalidSession, unauthorizedAttributeWrite } from '../errors/index.ts';
import { updateUser } from '../services/directory/users.ts';
import { passwordRecord } from '../services/passwords/record.ts';
import type { AuthAnswer, FlowContext } from './context.ts';
import { required } from './parameters.ts';
import { hashToken, takeSession } from './session.ts';
import { afterFirstFactor } from './further-steps.ts';
import { checkUsable, missingRequired, sessionUser } from './sign-in.ts';

const PREFIX = 'userAttributes.';

/** Attributes the answer sets, checked as a user's own update is (and against the client's WriteAttributes). */
function answeredAttributes(fc: FlowContext, responses: Record<string, string>, current: Record<string, string>): Record<string, string> {
  const given = Object.fromEntries(Object.entries(responses).filter(([k]) => k.startsWith(PREFIX)).map(([k, v]) => [k.slice(PREFIX.length), v]));
  const names = Object.keys(given);
  const writable = fc.client.config.WriteAttributes;
  if (writable && names.some((n) => !writable.includes(n))) throw unauthorizedAttributeWrite();
  checkAttributes(fc.pool.config, names.map((Name) => ({ Name, Value: given[Name] })), 'user-update', current);
  return given;
}

/** A changed email or phone number is no longer verified. */
function merge(current: Record<string, string>, given: Record<string, string>): Record<string, string> {
  const out = { ...current, ...given };
  for (const [attr, flag] of Object.entries(VERIFIED_FLAGS)) if (attr in given && given[attr] !== current[attr]) out[flag] = 'false';
  return out;
}

export async function newPasswordRespond(fc: FlowContext, sessionToken: string | undefined, responses: Record<string, string> | undefined): Promise<AuthAnswer> {
  const username = required(responses, 'USERNAME');
  const newPassword = required(responses, 'NEW_PASSWORD');
  const session = await takeSession(fc, sessionToken, 'NEW_PASSWORD_REQUIRED');
  const { store, clock, random, sealer } = fc.deps;
  let user;
  let given: Record<string, string>;
  try {
    user = await sessionUser(fc, session.sub, username);
    if (user.status !== 'FORCE_CHANGE_PASSWORD') throw invalidSession();
    checkUsable(user);
    given = answeredAttributes(fc, responses!, user.attributes);
    const missing = missingRequired(fc, merge(user.attributes, given));
    if (missing.length) throw challengeAttributesMissing(missing);
    checkPasswordPolicy(fc.pool.config, newPassword);
  } catch (e) {
    // A refused answer (weak password, missing attribute) may be corrected within the same session.
    if (e instanceof CognitoError && (e.type === 'InvalidPasswordException' || e.type === 'InvalidParameterException')) await restore(fc, sessionToken!, session);
    throw e;
  }
  const now = clock.now();
  const password = await passwordRecord(fc.pool, user, newPassword, { random, sealer, passwordHasher: fc.deps.passwordHasher, now });
  const confirmed = await updateUser(store, fc.pool, user.sub, (u) => {
    if (u.status !== 'FORCE_CHANGE_PASSWORD') throw invalidSession();
    return { ...u, status: 'CONFIRMED', password, attributes: merge(u.attributes, given) };
  }, now);
  return afterFirstFactor(fc, confirmed, { source: 'TokenGeneration_NewPasswordChallenge', clientMetadata: fc.clientMetadata });
}

async function restore(fc: FlowContext, token: string, s: AuthSessionRecord): Promise<void> {
  if (s.expiresAt > fc.deps.clock.now()) await fc.deps.store.authSessions.put({ ...s, hash: hashToken(token) });
}
