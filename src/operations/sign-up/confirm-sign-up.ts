import type { ConfirmSignUpRequest, ConfirmSignUpResponse } from '@aws-sdk/client-cognito-identity-provider';
import { VERIFIED_FLAGS } from '../../domain/attributes.ts';
import type { PoolRecord } from '../../domain/pool.ts';
import { signInAliases, type UserRecord } from '../../domain/user.ts';
import { compact, type Wire } from '../../domain/wire.ts';
import { confirmedSession } from '../../flows/sign-up-session.ts';
import { cannotConfirm, userNotFoundForClient } from '../../errors/index.ts';
import { confirmationRefusal } from '../../services/codes/confirmation-error.ts';
import { checkSecretHash } from '../../services/directory/client-secrets.ts';
import { hidesUsers } from '../../services/directory/decoys.ts';
import { findUser, keyConflictError, updateUser } from '../../services/directory/users.ts';
import type { Repositories } from '../../storage/store.ts';
import { clientOperation } from '../operation.ts';
import { attributeToVerify, postConfirmation, sentTo, SIGN_UP_CODE, withSentTo } from './steps.ts';

function checkUnconfirmed(u: UserRecord): void {
  if (u.status !== 'UNCONFIRMED') throw cannotConfirm(u.status);
}

/** Another user who signs in with `value` as their `attribute` alias, if any. */
async function aliasHolder(repos: Pick<Repositories, 'users'>, pool: PoolRecord, user: UserRecord, attribute: string): Promise<UserRecord | undefined> {
  if (!(pool.config.AliasAttributes ?? []).includes(attribute as 'email')) return undefined;
  const alias = signInAliases(pool.config, { [attribute]: user.attributes[attribute], [VERIFIED_FLAGS[attribute]]: 'true' }).find((a) => a.kind === attribute);
  const holder = alias && (await repos.users.getByAlias(pool.id, alias.kind, alias.key));
  return holder && holder.sub !== user.sub ? holder : undefined;
}

export default clientOperation<ConfirmSignUpRequest, Wire<ConfirmSignUpResponse>, 'store' | 'clock' | 'random' | 'codes' | 'triggers'>('ConfirmSignUp', async (deps, input, ctx) => {
  const { store, clock, codes } = deps;
  const { client, pool } = ctx;
  checkSecretHash(client, input.Username!, input.SecretHash);
  const user = await findUser(store, pool, input.Username!);
  // AWS documents CodeMismatchException "if the code doesn't match what the server expects", which
  // no code can for a name no user holds: answered as a user's code that is not there.
  if (!user && hidesUsers(client)) throw await confirmationRefusal(deps, ctx, input.Username!, SIGN_UP_CODE.purpose, { status: 'missing' });
  if (!user) throw userNotFoundForClient();
  checkUnconfirmed(user);

  // The email or phone number the code went to becomes verified, and with it a sign-in alias that
  // another user may hold. Refused before the code is used, so the same code can then be sent
  // again with ForceAliasCreation.
  const attribute = attributeToVerify(user) ? sentTo(user)!.attribute : undefined;
  if (attribute && !input.ForceAliasCreation && (await aliasHolder(store, pool, user, attribute))) throw keyConflictError(pool.config, attribute, 'update');

  const result = await codes.verify(store.codes, { poolId: pool.id, userId: user.sub, ...SIGN_UP_CODE }, input.ConfirmationCode!);
  if (result.status !== 'ok') throw await confirmationRefusal(deps, ctx, input.Username!, SIGN_UP_CODE.purpose, result);

  const now = clock.now();
  const confirmed = await store.transaction(async (tx) => {
    const holder = attribute ? await aliasHolder(tx, pool, user, attribute) : undefined;
    if (holder) {
      if (!input.ForceAliasCreation) throw keyConflictError(pool.config, attribute!, 'update');
      // The alias moves: the user who held it keeps the value, no longer verified.
      await updateUser(tx, pool, holder.sub, (u) => ({ ...u, attributes: { ...u.attributes, [VERIFIED_FLAGS[attribute!]]: 'false' } }), now);
    }
    return updateUser(tx, pool, user.sub, (u) => {
      checkUnconfirmed(u);
      const flag = attributeToVerify(u);
      return { ...u, status: 'CONFIRMED', attributes: flag ? { ...u.attributes, [flag]: 'true' } : u.attributes, settings: withSentTo(u.settings, undefined) };
    }, now);
  });

  // As in Cognito, a failing PostConfirmation function fails the request but the user stays confirmed.
  await postConfirmation(deps, ctx, { pool, client, user: confirmed, clientMetadata: input.ClientMetadata });
  // To sign in with USER_AUTH right away, the code standing for the first factor (flows/sign-up-session.ts).
  const medium = sentTo(user)?.attribute === 'phone_number' ? 'sms' : sentTo(user) ? 'email' : undefined;
  return compact({ Session: await confirmedSession({ deps, pool, client }, confirmed, medium, input.Session) });
});
