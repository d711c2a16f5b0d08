import type { DeleteUserAttributesRequest } from '@aws-sdk/client-cognito-identity-provider';
import { withoutAttributes } from '../../domain/attributes.ts';
import { CognitoError, invalidParameter } from '../../errors/cognito-error.ts';
import type { ClientRecord } from '../../domain/client.ts';
import type { PoolRecord } from '../../domain/pool.ts';
import type { UserRecord } from '../../domain/user.ts';
import { userOperation } from '../operation.ts';
import { updateUser } from '../../services/directory/users.ts';

const unauthorized = () => new CognitoError('NotAuthorizedException', 'A client attempted to write unauthorized attribute');

/** What a signed-in user may not remove, worded as Cognito's write checks are. */
function checkDeletable(pool: PoolRecord, client: ClientRecord, user: UserRecord, name: string): void {
  const a = (pool.config.SchemaAttributes ?? []).find((s) => s.Name === name);
  const writable = client.config.WriteAttributes;
  // An app client writes its WriteAttributes, or (when unset) every attribute but sub and
  // developer-only ones; a name outside the schema is as unauthorized as one outside the list.
  if (!a || a.DeveloperOnlyAttribute || name === 'sub' || (writable && !writable.includes(name))) throw unauthorized();
  if (name === 'email_verified' || name === 'phone_number_verified') throw invalidParameter(`Cannot modify the attribute ${name}: only an administrator may set it.`);
  if (a.Required) throw invalidParameter(`Attributes did not conform to the schema: ${name}: The attribute is required`);
  if (a.Mutable === false && user.attributes[name] !== undefined) {
    throw invalidParameter(`Attributes did not conform to the schema: ${name}: Attribute cannot be updated. (changing an immutable attribute)`);
  }
}

export default userOperation<DeleteUserAttributesRequest, object, 'store' | 'clock'>('DeleteUserAttributes', async (deps, input, ctx) => {
  const { pool, client, user } = ctx;
  if (user.status === 'UNCONFIRMED') throw new CognitoError('UserNotConfirmedException', 'User is not confirmed.');
  if (user.status === 'RESET_REQUIRED') throw new CognitoError('PasswordResetRequiredException', 'Password reset required for the user');
  const names = [...new Set(input.UserAttributeNames!)];
  for (const name of names) checkDeletable(pool, client, user, name);
  // Removing a value the user does not have is not an error (Cognito answers 200 and changes nothing).
  await updateUser(
    deps.store,
    pool,
    user.sub,
    (current) => ({ ...current, ...withoutAttributes(current, names) }),
    deps.clock.now(),
  );
  return {};
});
