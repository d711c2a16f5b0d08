import type { DeleteUserAttributesRequest } from '@aws-sdk/client-cognito-identity-provider';
import { withoutAttributes } from '../../domain/attributes.ts';
import type { ClientRecord } from '../../domain/client.ts';
import type { PoolRecord } from '../../domain/pool.ts';
import type { UserRecord } from '../../domain/user.ts';
import { adminOnlyAttribute, attributeImmutable, attributesRequired, unauthorizedAttributeWrite } from '../../errors/index.ts';
import { requireActiveStatus, updateUser } from '../../services/directory/users.ts';
import { userOperation } from '../operation.ts';

/** What a signed-in user may not remove, worded as Cognito's write checks are. */
function checkDeletable(pool: PoolRecord, client: ClientRecord, user: UserRecord, name: string): void {
  const a = (pool.config.SchemaAttributes ?? []).find((s) => s.Name === name);
  const writable = client.config.WriteAttributes;
  // An app client writes its WriteAttributes, or (when unset) every attribute but sub and
  // developer-only ones; a name outside the schema is as unauthorized as one outside the list.
  if (!a || a.DeveloperOnlyAttribute || name === 'sub' || (writable && !writable.includes(name))) throw unauthorizedAttributeWrite();
  if (name === 'email_verified' || name === 'phone_number_verified') throw adminOnlyAttribute(name);
  if (a.Required) throw attributesRequired([name]);
  if (a.Mutable === false && user.attributes[name] !== undefined) {
    throw attributeImmutable(name);
  }
}

export default userOperation<DeleteUserAttributesRequest, object, 'store' | 'clock'>('DeleteUserAttributes', async (deps, input, ctx) => {
  const { pool, client, user } = ctx;
  requireActiveStatus(user);
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
