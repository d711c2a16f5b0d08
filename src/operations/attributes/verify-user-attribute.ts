import type { VerifyUserAttributeRequest } from '@aws-sdk/client-cognito-identity-provider';
import { VERIFIED_FLAGS, verifiableMedium } from '../../domain/attributes.ts';
import { signInAliases } from '../../domain/user.ts';
import { confirmationCodeError } from '../../services/codes/confirmation-error.ts';
import { keyConflictError, updateUser, requireActiveStatus } from '../../services/directory/users.ts';
import { userOperation } from '../operation.ts';

/**
 * Completes a verification: the right code marks the attribute verified and applies a pending new
 * value; the code is used up. A value that is already another user's sign-in alias is refused
 * before the code is spent.
 */
export default userOperation<VerifyUserAttributeRequest, object, 'store' | 'clock' | 'codes'>('VerifyUserAttribute', async (deps, input, ctx) => {
  const { store, codes, clock } = deps;
  const { pool, user } = ctx;
  requireActiveStatus(user);
  const attribute = input.AttributeName!;
  verifiableMedium(attribute);

  const value = user.pending[attribute] ?? user.attributes[attribute];
  const verified = { ...user.attributes, [attribute]: value, [VERIFIED_FLAGS[attribute]]: 'true' };
  for (const alias of signInAliases(pool.config, verified).filter((a) => a.kind === attribute)) {
    const holder = await store.users.getByAlias(pool.id, alias.kind, alias.key);
    if (holder && holder.sub !== user.sub) throw keyConflictError(pool.config, alias.kind, 'update');
  }

  // The code is spent and the attribute verified in one transaction: both or neither (a conflict
  // in the update leaves the code usable), and one commit for the caller to wait for, not two.
  // A wrong code's failed attempt is committed too: the transaction ends normally with it.
  const key = { poolId: pool.id, userId: user.sub, purpose: 'attribute-verification' as const, attribute };
  const result = await store.transaction(async (tx) => {
    const outcome = await codes.verify(tx.codes, key, input.Code!);
    if (outcome.status !== 'ok') return outcome;
    await updateUser(tx, pool, user.sub, (u) => {
      const pending = { ...u.pending };
      const newValue = pending[attribute] ?? u.attributes[attribute];
      delete pending[attribute];
      return { ...u, pending, attributes: { ...u.attributes, [attribute]: newValue, [VERIFIED_FLAGS[attribute]]: 'true' } };
    }, clock.now());
    return outcome;
  });
  if (result.status !== 'ok') throw confirmationCodeError(result);
  return {};
});
