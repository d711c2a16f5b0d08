/**
 * Stops an upstream provider's user from signing in (AWS's API reference,
 * AdminDisableProviderForUser): a link to a native user is removed (the provider's user then gets
 * a federated user of its own on its next sign-in); the federated user itself is disabled and
 * signed out, as AdminDisableUser does.
 */
import type { AdminDisableProviderForUserRequest } from '@aws-sdk/client-cognito-identity-provider';
import { identitiesOf, identityKey, IDENTITY_KIND, SUBJECT, withIdentities, withLinkedBy } from '../../domain/identities.ts';
import { SIGNED_OUT_AT } from '../../domain/token.ts';
import { nativeDisableUnsupported, providerUserMissing, userNotFound } from '../../errors/index.ts';
import { requireProvider } from '../../services/directory/identity-providers.ts';
import { updateUser } from '../../services/directory/users.ts';
import { poolOperation } from '../operation.ts';

export default poolOperation<AdminDisableProviderForUserRequest, object, 'store' | 'clock'>('AdminDisableProviderForUser', async ({ store, clock }, input, ctx) => {
  const { pool } = ctx;
  const given = input.User;
  if (!given?.ProviderName || !given.ProviderAttributeValue) throw providerUserMissing('User');
  if (given.ProviderName.toLowerCase() === 'cognito') throw nativeDisableUnsupported();
  const provider = await requireProvider(store, pool.id, given.ProviderName);
  const attribute = given.ProviderAttributeName || SUBJECT;
  await store.transaction(async (tx) => {
    const holder = await tx.users.getByAlias(pool.id, IDENTITY_KIND, identityKey(provider.name, attribute, given.ProviderAttributeValue!));
    if (!holder) throw userNotFound();
    const now = clock.now();
    // The provider's own federated user (its primary identity) is disabled; a link is removed.
    if (identitiesOf(holder.attributes).some((i) => i.providerName === provider.name && i.primary)) {
      await updateUser(tx, pool, holder.sub, (u) => ({ ...u, enabled: false, settings: { ...u.settings, [SIGNED_OUT_AT]: now } }), now);
      await tx.tokens.revokeAllForUser(pool.id, holder.sub, now);
      return;
    }
    await updateUser(tx, pool, holder.sub, (u) => ({
      ...u,
      attributes: withIdentities(u.attributes, identitiesOf(u.attributes).filter((i) => i.providerName !== provider.name)),
      settings: withLinkedBy(u.settings, provider.name, undefined),
    }), now);
  });
  return {};
});
