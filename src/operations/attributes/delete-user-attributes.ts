import type { DeleteUserAttributesRequest } from '@aws-sdk/client-cognito-identity-provider';
import { undeletable, withoutAttributes } from '../../domain/attributes.ts';
import type { ClientRecord } from '../../domain/client.ts';
import type { PoolRecord } from '../../domain/pool.ts';
import { adminOnlyAttribute, undeletableAttributes, unauthorizedAttributeWrite } from '../../errors/index.ts';
import { requireActiveStatus, updateUser } from '../../services/directory/users.ts';
import { userOperation } from '../operation.ts';

/** What the app client may not write at all: refused before what the schema says of the rest. */
function checkWritable(pool: PoolRecord, client: ClientRecord, name: string): void {
  const a = (pool.config.SchemaAttributes ?? []).find((s) => s.Name === name);
  const writable = client.config.WriteAttributes;
  // An app client writes its WriteAttributes, or (when unset) every attribute but sub and
  // developer-only ones; a name outside the schema is as unauthorized as one outside the list.
  if (!a || a.DeveloperOnlyAttribute || name === 'sub' || (writable && !writable.includes(name))) throw unauthorizedAttributeWrite();
  if (name === 'email_verified' || name === 'phone_number_verified') throw adminOnlyAttribute(name);
}

export default userOperation<DeleteUserAttributesRequest, object, 'store' | 'clock'>('DeleteUserAttributes', async (deps, input, ctx) => {
  const { pool, client, user } = ctx;
  requireActiveStatus(user);
  const names = [...new Set(input.UserAttributeNames!)];
  for (const name of names) checkWritable(pool, client, name);
  // Required and set immutable attributes stay, every one named in one answer, as AWS lists them.
  const problems = undeletable(pool.config, user.attributes, names);
  if (problems.length) throw undeletableAttributes(problems);
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
