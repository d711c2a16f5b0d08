/**
 * A user's federated identities: the `identities` attribute Cognito keeps on a federated user and
 * on a user linked to one (a JSON array), and the keys that find a user by an identity.
 */
import { createHash } from 'node:crypto';
import type { ProviderType } from './identity-provider.ts';

/** One entry of the `identities` attribute, with Cognito's members. */
export interface FederatedIdentity {
  userId: string;
  providerName: string;
  providerType: ProviderType;
  issuer: string | null;
  primary: boolean;
  dateCreated: number;
}

/** The ProviderAttributeName that names the provider's own user id (its `sub`, Facebook's `id`, ...). */
export const SUBJECT = 'Cognito_Subject';

/** The alias kind of an identity key. No pool signs in with it: findUser looks up only the pool's UsernameAttributes and AliasAttributes. */
export const IDENTITY_KIND = 'identity';

/** The settings key holding, by provider, the ProviderAttributeName of a link not made on Cognito_Subject. */
const LINKED_BY = 'identityLinkedBy';

/** AWS's limit on the identities linked to one user (AdminLinkProviderForUser). */
export const MAX_LINKED_IDENTITIES = 5;

export function identitiesOf(attributes: Record<string, string>): FederatedIdentity[] {
  const raw = attributes.identities;
  if (raw === undefined) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((i): i is FederatedIdentity => typeof i?.providerName === 'string' && typeof i?.userId === 'string') : [];
  } catch {
    return [];
  }
}

/** The attributes with `identities` set to the list (removed when it is empty). */
export function withIdentities(attributes: Record<string, string>, list: FederatedIdentity[]): Record<string, string> {
  const { identities: _old, ...rest } = attributes;
  return list.length ? { ...rest, identities: JSON.stringify(list) } : rest;
}

export const linkedBy = (settings: Record<string, unknown>): Record<string, string> => (settings[LINKED_BY] as Record<string, string> | undefined) ?? {};

/** The settings with the link to `provider` recorded as made on `attributeName` (nothing kept for Cognito_Subject). */
export function withLinkedBy(settings: Record<string, unknown>, provider: string, attributeName: string | undefined): Record<string, unknown> {
  const { [provider]: _old, ...others } = linkedBy(settings);
  const next = attributeName === undefined || attributeName === SUBJECT ? others : { ...others, [provider]: attributeName };
  const { [LINKED_BY]: _was, ...rest } = settings;
  return Object.keys(next).length ? { ...rest, [LINKED_BY]: next } : rest;
}

/**
 * The key of a provider's user, found by one of its attributes (Cognito_Subject: the provider's
 * user id). A long one is hashed: a linked attribute's value may be 2048 characters, more than an
 * index entry holds.
 */
export function identityKey(provider: string, attributeName: string, value: string): string {
  const key = JSON.stringify([provider, attributeName, value]);
  return key.length <= 512 ? key : `sha256:${createHash('sha256').update(key).digest('hex')}`;
}

/** The identity keys a user holds: each is unique in its pool, so one identity signs in as one user. */
export function identityAliases(u: { attributes: Record<string, string>; settings: Record<string, unknown> }): { kind: string; key: string }[] {
  const by = linkedBy(u.settings);
  return identitiesOf(u.attributes).map((i) => ({ kind: IDENTITY_KIND, key: identityKey(i.providerName, by[i.providerName] ?? SUBJECT, i.userId) }));
}
