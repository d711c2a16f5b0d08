import type { AdminDeleteUserAttributesRequest } from '@aws-sdk/client-cognito-identity-provider';
import { withoutAttributes } from '../../domain/attributes.ts';
import { storedName } from '../../domain/new-user.ts';
import type { PoolConfig } from '../../domain/pool.ts';
import type { UserRecord } from '../../domain/user.ts';
import { attributeImmutable, attributeNotInSchema, attributesRequired, subNotMutable } from '../../errors/index.ts';
import { requireUser, updateUser } from '../../services/directory/users.ts';
import { poolOperation } from '../operation.ts';

/** What an administrator may not remove: sub, a required attribute, a set immutable one, a name outside the schema. */
function checkDeletable(pool: PoolConfig, user: UserRecord, name: string): void {
  const a = (pool.SchemaAttributes ?? []).find((s) => s.Name === name);
  if (!a) throw attributeNotInSchema(name);
  if (name === 'sub') throw subNotMutable();
  if (a.Required) throw attributesRequired([name]);
  if (a.Mutable === false && user.attributes[name] !== undefined) throw attributeImmutable(name);
}

export default poolOperation<AdminDeleteUserAttributesRequest, object, 'store' | 'clock'>('AdminDeleteUserAttributes', async ({ store, clock }, input, ctx) => {
  const { pool } = ctx;
  const user = await requireUser(store, pool, input.Username!);
  const names = [...new Set(input.UserAttributeNames!.map((n) => storedName(pool.config, n)))];
  for (const name of names) checkDeletable(pool.config, user, name);
  // Removing a value the user does not have is not an error; nothing changes.
  await updateUser(store, pool, user.sub, (current) => ({ ...current, ...withoutAttributes(current, names) }), clock.now());
  return {};
});
