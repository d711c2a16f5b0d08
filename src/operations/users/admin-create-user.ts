import type { AdminCreateUserRequest, AdminCreateUserResponse } from '@aws-sdk/client-cognito-identity-provider';
import { checkAttributes, checkRequired, toAttributeMap, VERIFIED_FLAGS } from '../../domain/attributes.ts';
import { newSub, newUserIdentity, storedNames } from '../../domain/new-user.ts';
import { checkPasswordPolicy, generateTemporaryPassword } from '../../domain/password.ts';
import type { PoolRecord } from '../../domain/pool.ts';
import { describeUser, signInAliases, usernameKey, type UserRecord } from '../../domain/user.ts';
import type { Wire } from '../../domain/wire.ts';
import { resendNotPossible } from '../../errors/index.ts';
import { invitationMediums } from '../../services/delivery/invitation.ts';
import type { Deps } from '../../services/deps.ts';
import { requireUser, createUser, keyConflictError, updateUser } from '../../services/directory/users.ts';
import { passwordRecord } from '../../services/passwords/record.ts';
import type { RequestContext } from '../../services/request-context.ts';
import { eventCaller } from '../../services/triggers/caller.ts';
import { preSignUpEvent } from '../../services/triggers/index.ts';
import { poolOperation } from '../operation.ts';

type D = Pick<Deps, 'store' | 'clock' | 'random' | 'sealer' | 'passwordHasher' | 'delivery' | 'triggers'>;

/** The password the invitation carries: the one given (it must meet the policy), else a generated one. */
function temporaryPassword(deps: D, pool: PoolRecord, given: string | undefined): string {
  if (given === undefined) return generateTemporaryPassword(pool.config, deps.random);
  checkPasswordPolicy(pool.config, given);
  return given;
}

/** MessageAction RESEND: a new temporary password for a user who has not signed in yet, and the invitation again. */
async function resend(deps: D, ctx: RequestContext, pool: PoolRecord, input: AdminCreateUserRequest): Promise<UserRecord> {
  const existing = await requireUser(deps.store, pool, input.Username!);
  const notPending = () => resendNotPossible(existing.username);
  if (existing.status !== 'FORCE_CHANGE_PASSWORD') throw notPending();
  const password = temporaryPassword(deps, pool, input.TemporaryPassword);
  const mediums = invitationMediums(existing.attributes, input.DesiredDeliveryMediums);
  const now = deps.clock.now();
  const stored = await passwordRecord(pool, existing, password, { random: deps.random, sealer: deps.sealer, passwordHasher: deps.passwordHasher, now }, true);
  const user = await updateUser(deps.store, pool, existing.sub, (u) => {
    if (u.status !== 'FORCE_CHANGE_PASSWORD') throw notPending();
    return { ...u, password: stored };
  }, now);
  await deps.delivery.sendInvitation({ pool, user, temporaryPassword: password, mediums, clientMetadata: input.ClientMetadata }, ctx);
  return user;
}

/** Refuses early a username (or, where it is the username, an email or phone number) another user holds. */
async function checkUnclaimed(deps: D, pool: PoolRecord, user: UserRecord): Promise<void> {
  if (await deps.store.users.getByUsername(pool.id, usernameKey(pool.config, user.username))) throw keyConflictError(pool.config, 'username', 'admin-create');
  for (const alias of signInAliases(pool.config, user.attributes)) {
    if (!(pool.config.UsernameAttributes ?? []).includes(alias.kind as 'email' | 'phone_number')) continue;
    if (await deps.store.users.getByAlias(pool.id, alias.kind, alias.key)) throw keyConflictError(pool.config, alias.kind, 'admin-create');
  }
}

/** PreSignUp_AdminCreateUser: the function may refuse the user, or mark its email or phone number verified. */
async function preSignUp(deps: D, ctx: RequestContext, pool: PoolRecord, user: UserRecord, input: AdminCreateUserRequest): Promise<UserRecord> {
  const arn = pool.config.LambdaConfig?.PreSignUp;
  if (!arn) return user;
  // The user does not exist yet: the function sees the attributes it would have, without a sub.
  const userAttributes = Object.fromEntries(Object.entries(user.attributes).filter(([name]) => name !== 'sub'));
  const answer = await deps.triggers.invoke(
    arn,
    preSignUpEvent({
      ...eventCaller(pool, user.username, null, ctx.userAgent),
      triggerSource: 'PreSignUp_AdminCreateUser', userAttributes, validationData: input.ValidationData ? toAttributeMap(input.ValidationData) : null, clientMetadata: input.ClientMetadata,
    }),
  );
  const attributes = { ...user.attributes };
  if (answer.response.autoVerifyEmail && attributes.email) attributes.email_verified = 'true';
  if (answer.response.autoVerifyPhone && attributes.phone_number) attributes.phone_number_verified = 'true';
  return { ...user, attributes };
}

export default poolOperation<AdminCreateUserRequest, Wire<AdminCreateUserResponse>, 'store' | 'clock' | 'random' | 'sealer' | 'passwordHasher' | 'delivery' | 'triggers'>(
  'AdminCreateUser',
  async (deps, input, ctx) => {
    const { pool } = ctx;
    if (input.MessageAction === 'RESEND') return { User: describeUser(await resend(deps, ctx, pool, input)) };

    const given = storedNames(pool.config, input.UserAttributes);
    checkAttributes(pool.config, given, 'admin-create');
    const sub = newSub(deps.random);
    const identity = newUserIdentity(pool.config, input.Username!, toAttributeMap(given), sub);
    checkRequired(pool.config, identity.attributes);
    const password = temporaryPassword(deps, pool, input.TemporaryPassword);
    const mediums = input.MessageAction === 'SUPPRESS' ? [] : invitationMediums(identity.attributes, input.DesiredDeliveryMediums);

    const now = deps.clock.now();
    let user: UserRecord = {
      poolId: pool.id, sub, username: identity.username, status: 'FORCE_CHANGE_PASSWORD', enabled: true,
      attributes: { sub, ...identity.attributes }, pending: {}, password: null, settings: {},
      createdAt: now, lastModifiedAt: now, version: 1,
    };
    await checkUnclaimed(deps, pool, user);
    user = await preSignUp(deps, ctx, pool, user, input);
    user.password = await passwordRecord(pool, user, password, { random: deps.random, sealer: deps.sealer, passwordHasher: deps.passwordHasher, now }, true);

    await deps.store.transaction(async (tx) => {
      // ForceAliasCreation moves a verified email or phone alias from its holder to the new user.
      if (input.ForceAliasCreation) {
        for (const alias of signInAliases(pool.config, user.attributes)) {
          const flag = VERIFIED_FLAGS[alias.kind];
          if (!flag || !(pool.config.AliasAttributes ?? []).includes(alias.kind as 'email' | 'phone_number')) continue;
          const holder = await tx.users.getByAlias(pool.id, alias.kind, alias.key);
          if (holder) await updateUser(tx, pool, holder.sub, (u) => ({ ...u, attributes: { ...u.attributes, [flag]: 'false' } }), now);
        }
      }
      await createUser(tx, pool, user, 'admin-create');
    });
    // Cognito keeps the user when the invitation cannot be delivered (the error is still returned).
    await deps.delivery.sendInvitation({ pool, user, temporaryPassword: password, mediums, clientMetadata: input.ClientMetadata }, ctx);
    return { User: describeUser(user) };
  },
);
