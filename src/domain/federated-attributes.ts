/**
 * What a federated sign-in makes of an upstream provider's claims: the provider's user id, the
 * Cognito username of its federated user, and the pool attributes the provider's AttributeMapping
 * gives (user pool attribute ← provider claim), checked against the pool's schema.
 */
import { checkValue, schemaOf, VERIFIED_FLAGS } from './attributes.ts';
import type { IdentityProviderRecord } from './identity-provider.ts';
import type { PoolConfig } from './pool.ts';

/** Attributes no mapping writes: Cognito's own. */
const UNMAPPABLE = new Set(['sub', 'identities', 'username']);

/** Cognito's username pattern (the API model's UsernameType) and length. */
const USERNAME_PATTERN = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;
const USERNAME_MAX = 128;

/** A claim as an attribute value: strings as they are, booleans and numbers as text, objects (OIDC's `address`) as JSON. */
function claimText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return undefined;
}

/**
 * The claim under which a SAML assertion's subject (its NameID) is given with the attributes: a
 * SAML user's id, whatever the mapping says (AWS has no default username mapping for SAML).
 */
export const SAML_NAME_ID = 'saml:NameID';

type Provider = Pick<IdentityProviderRecord, 'attributeMapping'> & Partial<Pick<IdentityProviderRecord, 'type'>>;

/** The claim holding the provider's user id: a SAML NameID; else the mapping's `username`, else `sub`. */
export const usernameClaim = (provider: Provider) => (provider.type === 'SAML' ? SAML_NAME_ID : provider.attributeMapping.username ?? 'sub');

/** The provider's user id from its claims, or undefined when the claim is missing or empty. */
export function providerUserId(provider: Provider, claims: Record<string, unknown>): string | undefined {
  const value = claimText(claims[usernameClaim(provider)]);
  return value ? value : undefined;
}

/**
 * Cognito's username for the provider's user: `<ProviderName>_<user id>`. Undefined when that
 * cannot be a username (a character outside Cognito's pattern, such as a space or a control
 * character, or longer than 128 characters): such a user id signs nobody in.
 */
export function federatedUsername(providerName: string, userId: string): string | undefined {
  const name = `${providerName}_${userId}`;
  return [...name].length <= USERNAME_MAX && USERNAME_PATTERN.test(name) ? name : undefined;
}

/**
 * The pool attributes the mapping gives: each mapped claim present, as text, kept only where the
 * pool's schema has the attribute and the value fits it (a value that does not is left out, as
 * an attribute the provider did not send).
 */
export function mappedAttributes(pool: PoolConfig, provider: Pick<IdentityProviderRecord, 'attributeMapping'>, claims: Record<string, unknown>): Record<string, string> {
  const schema = schemaOf(pool);
  const out: Record<string, string> = {};
  for (const [attribute, claim] of Object.entries(provider.attributeMapping)) {
    if (UNMAPPABLE.has(attribute) || !Object.hasOwn(claims, claim)) continue;
    const a = schema.get(attribute) ?? schema.get(`dev:${attribute}`);
    const value = claimText(claims[claim]);
    if (!a || value === undefined) continue;
    try {
      checkValue(a, value);
    } catch {
      continue;
    }
    out[a.Name!] = value;
  }
  return out;
}

/**
 * The user's attributes after a sign-in brings `mapped`: each mapped value written, except an
 * immutable attribute that already has one; an email or phone number whose value changes becomes
 * unverified unless the mapping gives its flag too (AWS: "If an email attribute is mapped, the
 * email_verified attribute changes to unverified by default", knowledge-center
 * cognito-email-verified-attribute). An attribute the provider no longer sends is kept.
 */
export function attributesAfterSignIn(pool: PoolConfig, current: Record<string, string>, mapped: Record<string, string>): Record<string, string> {
  const schema = schemaOf(pool);
  const next = { ...current };
  for (const [name, value] of Object.entries(mapped)) {
    if (schema.get(name)?.Mutable === false && current[name] !== undefined) continue;
    next[name] = value;
  }
  for (const [attribute, flag] of Object.entries(VERIFIED_FLAGS)) {
    if (mapped[attribute] !== undefined && mapped[attribute] !== current[attribute] && mapped[flag] === undefined) next[flag] = 'false';
  }
  return next;
}
