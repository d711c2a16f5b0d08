/**
 * Links a native user (DestinationUser) to an upstream provider's user (SourceUser) who has not
 * signed in yet: that user's federated sign-ins then sign in as the native user. The link is an
 * entry of the native user's `identities` attribute, whose identity key (domain/identities.ts) is
 * unique in the pool, so one provider user links to one user at most.
 */
import type { AdminLinkProviderForUserRequest, ProviderUserIdentifierType } from '@aws-sdk/client-cognito-identity-provider';
import { identitiesOf, identityKey, IDENTITY_KIND, MAX_LINKED_IDENTITIES, SUBJECT, withIdentities, withLinkedBy } from '../../domain/identities.ts';
import { SOCIAL_TYPES } from '../../domain/identity-provider.ts';
import type { UserRecord } from '../../domain/user.ts';
import {
  destinationNotCognito, identityLinkedElsewhere, isCognitoError, immutableDestination, mergeNotSupported, providerAlreadyLinked, providerUserMissing, sourceIsCognito, subjectAttributeRequired, tooManyLinks,
} from '../../errors/index.ts';
import { requireProvider } from '../../services/directory/identity-providers.ts';
import { requireUser, updateUser } from '../../services/directory/users.ts';
import { poolOperation } from '../operation.ts';

const isCognito = (name: string) => name.toLowerCase() === 'cognito';

function named(member: 'DestinationUser' | 'SourceUser', u: ProviderUserIdentifierType | undefined): { name: string; attribute?: string; value: string } {
  if (!u?.ProviderName || !u.ProviderAttributeValue) throw providerUserMissing(member);
  return { name: u.ProviderName, attribute: u.ProviderAttributeName, value: u.ProviderAttributeValue };
}

export default poolOperation<AdminLinkProviderForUserRequest, object, 'store' | 'clock'>('AdminLinkProviderForUser', async ({ store, clock }, input, ctx) => {
  const { pool } = ctx;
  const destination = named('DestinationUser', input.DestinationUser);
  const source = named('SourceUser', input.SourceUser);
  // AWS: "The ProviderName should be set to Cognito for users in Cognito user pools"; the
  // destination's ProviderAttributeName is ignored.
  if (!isCognito(destination.name)) throw destinationNotCognito();
  if (isCognito(source.name)) throw sourceIsCognito();
  const provider = await requireProvider(store, pool.id, source.name);
  const attribute = source.attribute || SUBJECT;
  // AWS: social providers link on the provider's user id only (Cognito_Subject).
  if (SOCIAL_TYPES.includes(provider.type) && attribute !== SUBJECT) throw subjectAttributeRequired(provider.type);

  const user = await requireUser(store, pool, destination.value);
  // AWS: "All attributes in the DestinationUser profile must be mutable."
  const immutable = (pool.config.SchemaAttributes ?? []).find((a) => a.Mutable === false && a.Name !== 'sub' && user.attributes[a.Name!] !== undefined);
  if (immutable) throw immutableDestination(immutable.Name!);

  const holder = await store.users.getByAlias(pool.id, IDENTITY_KIND, identityKey(provider.name, attribute, source.value));
  if (holder && holder.sub === user.sub) return {};
  if (holder) throw holder.status === 'EXTERNAL_PROVIDER' ? mergeNotSupported() : identityLinkedElsewhere();

  const now = clock.now();
  await updateUser(store, pool, user.sub, (u: UserRecord) => {
    const identities = identitiesOf(u.attributes);
    if (identities.some((i) => i.providerName === provider.name)) throw providerAlreadyLinked(provider.name);
    if (identities.length >= MAX_LINKED_IDENTITIES) throw tooManyLinks(MAX_LINKED_IDENTITIES);
    const link = { userId: source.value, providerName: provider.name, providerType: provider.type, issuer: null, primary: false, dateCreated: now };
    return { ...u, attributes: withIdentities(u.attributes, [...identities, link]), settings: withLinkedBy(u.settings, provider.name, attribute) };
  }, now).catch((e: unknown) => {
    // Linked to another user between the read and the write (the identity key is unique).
    throw isCognitoError(e) && e.type === 'AliasExistsException' ? identityLinkedElsewhere() : e;
  });
  return {};
});
