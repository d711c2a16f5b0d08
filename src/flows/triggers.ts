/** The sign-in triggers around authentication: PreAuthentication, PostAuthentication, UserMigration. */
import { checkAttributes, EMAIL_FORMAT, PHONE_FORMAT } from '../domain/attributes.ts';
import { newSub } from '../domain/new-user.ts';
import type { UserRecord, UserStatus } from '../domain/user.ts';
import { CognitoError, migrationFailed } from '../errors/index.ts';
import { hidesUsers } from '../services/directory/decoys.ts';
import { findUser, createUser } from '../services/directory/users.ts';
import { passwordRecord } from '../services/passwords/record.ts';
import { postAuthenticationEvent, preAuthenticationEvent, userMigrationEvent } from '../services/triggers/index.ts';
import { eventAttributes, eventHeader, type FlowContext } from './context.ts';

/**
 * PreAuthentication_Authentication, before the password is checked. InitiateAuth's ClientMetadata
 * reaches it as validationData. With PreventUserExistenceErrors, an unknown user is announced too,
 * and `userNotFound` is set for every user (AWS: "When you set PreventUserExistenceErrors to ENABLED
 * for your user pool client, Amazon Cognito populates this Boolean").
 */
export async function preAuthentication(fc: FlowContext, user: UserRecord | undefined, userName: string, validationData: Record<string, string> | undefined): Promise<void> {
  const arn = fc.pool.config.LambdaConfig?.PreAuthentication;
  if (!arn) return;
  await fc.deps.triggers.invoke(
    arn,
    preAuthenticationEvent({
      ...eventHeader(fc, user?.username ?? userName),
      userAttributes: user ? eventAttributes(user) : {},
      validationData,
      ...(hidesUsers(fc.client) ? { userNotFound: !user } : {}),
    }),
  );
}

/**
 * PostAuthentication_Authentication, once the user has proven who they are. `newDeviceUsed`: in a
 * pool that tracks devices, whether the sign-in came from a device not confirmed before (AWS sets
 * it only "if the remembered devices value of the user pool is Always or User Opt-In").
 */
export async function postAuthentication(fc: FlowContext, user: UserRecord, clientMetadata: Record<string, string> | undefined, newDeviceUsed?: boolean): Promise<void> {
  const arn = fc.pool.config.LambdaConfig?.PostAuthentication;
  if (!arn) return;
  await fc.deps.triggers.invoke(arn, postAuthenticationEvent({ ...eventHeader(fc, user.username), userAttributes: eventAttributes(user), newDeviceUsed, clientMetadata }));
}

/**
 * UserMigration: a user unknown to the pool, signing in with a password (UserMigration_Authentication)
 * or asking for a forgotten password (UserMigration_ForgotPassword), is asked for from the pool's
 * function, then created with the attributes it returns (and, at sign-in, the password given). At
 * sign-in the user is CONFIRMED unless the function says RESET_REQUIRED; in the forgotten-password
 * flow the user has no password yet, so is RESET_REQUIRED unless the function says CONFIRMED.
 * Undefined when the pool has no such function. A function that throws (it does not know the user,
 * or the password is wrong) answers UserNotFoundException "Exception migrating user in app client
 * <id>" (decided from reports of real responses), or, for a client that hides whether users exist,
 * undefined, as for a pool without the function. The welcome message of messageAction is not sent.
 */
export async function migrateUser(
  fc: FlowContext,
  userName: string,
  how: { source: 'Authentication'; password: string } | { source: 'ForgotPassword' },
): Promise<UserRecord | undefined> {
  const arn = fc.pool.config.LambdaConfig?.UserMigration;
  if (!arn) return undefined;
  const { deps, pool } = fc;
  let answer;
  try {
    answer = await deps.triggers.invoke(
      arn,
      userMigrationEvent({
        ...eventHeader(fc, userName),
        triggerSource: `UserMigration_${how.source}`,
        ...(how.source === 'Authentication'
          ? { password: how.password, validationData: fc.clientMetadata ?? null }
          : { validationData: null, clientMetadata: fc.clientMetadata }),
      }),
    );
  } catch (e) {
    // The function refusing (an unknown user, a wrong password) is, to the caller, a user not found;
    // a client that hides whether users exist answers as for any name no user holds (AWS: "a
    // simulated response for users that don't exist").
    if (e instanceof CognitoError && e.type === 'UserLambdaValidationException') {
      if (hidesUsers(fc.client)) return undefined;
      throw migrationFailed(fc.client.clientId);
    }
    throw e;
  }
  const r = answer.response;
  const given = Object.fromEntries(Object.entries(r.userAttributes ?? {}).filter(([name]) => name !== 'sub' && name !== 'username'));
  checkAttributes(pool.config, Object.entries(given).map(([Name, Value]) => ({ Name, Value })), 'admin-create');
  const sub = newSub(deps.random);
  const kinds = pool.config.UsernameAttributes ?? [];
  // Where the email or phone number is the username, the user is stored under its sub.
  const attributes: Record<string, string> = { ...given, sub };
  if (kinds.includes('email') && EMAIL_FORMAT.test(userName)) attributes.email ??= userName;
  else if (kinds.includes('phone_number') && PHONE_FORMAT.test(userName)) attributes.phone_number ??= userName;
  const username = kinds.length ? sub : userName;
  const now = deps.clock.now();
  const status: UserStatus = how.source === 'Authentication' ? (r.finalUserStatus === 'RESET_REQUIRED' ? 'RESET_REQUIRED' : 'CONFIRMED') : (r.finalUserStatus ?? 'RESET_REQUIRED');
  const user: UserRecord = {
    poolId: pool.id, sub, username, status, enabled: true, attributes, pending: {},
    password: how.source === 'Authentication' ? await passwordRecord(pool, { username }, how.password, { random: deps.random, sealer: deps.sealer, passwordHasher: deps.passwordHasher, now }) : null,
    settings: {}, createdAt: now, lastModifiedAt: now, version: 1,
  };
  await createUser(deps.store, pool, user, 'admin-create');
  return (await findUser(deps.store, pool, username)) ?? user;
}
