import type { AdminDeleteUserAttributesRequest } from '@aws-sdk/client-cognito-identity-provider';
import { undeletable, withoutAttributes } from '../../domain/attributes.ts';
import { storedName } from '../../domain/new-user.ts';
import { undeletableAttributes } from '../../errors/index.ts';
import { requireUser, updateUser } from '../../services/directory/users.ts';
import { poolOperation } from '../operation.ts';

export default poolOperation<AdminDeleteUserAttributesRequest, object, 'store' | 'clock'>('AdminDeleteUserAttributes', async ({ store, clock }, input, ctx) => {
  const { pool } = ctx;
  const user = await requireUser(store, pool, input.Username!);
  const given = [...new Set(input.UserAttributeNames!)];
  // What an administrator may not remove (sub, a required attribute, a set immutable one, a name
  // outside the schema), every one named in one answer, as AWS lists them.
  const problems = undeletable(pool.config, user.attributes, given, (n) => storedName(pool.config, n));
  if (problems.length) throw undeletableAttributes(problems);
  const names = given.map((n) => storedName(pool.config, n));
  // Removing a value the user does not have is not an error; nothing changes.
  await updateUser(store, pool, user.sub, (current) => ({ ...current, ...withoutAttributes(current, names) }), clock.now());
  return {};
});
