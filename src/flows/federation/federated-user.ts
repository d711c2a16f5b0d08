/**
 * The user a federated sign-in signs in as, given the upstream provider's claims (AWS's developer
 * guide, "Adding user pool sign-in through a third party" and "Linking federated users to an
 * existing user profile"): the user linked to the provider's user by AdminLinkProviderForUser,
 * else the federated user `<ProviderName>_<user id>`, created on the first sign-in. Either way the
 * provider's mapped attributes are written on every sign-in.
 */
import { attributesAfterSignIn, federatedUsername, mappedAttributes, providerUserId, usernameClaim } from '../../domain/federated-attributes.ts';
import { identityKey, IDENTITY_KIND, SUBJECT, withIdentities, type FederatedIdentity } from '../../domain/identities.ts';
import type { IdentityProviderRecord } from '../../domain/identity-provider.ts';
import { checkRequired } from '../../domain/attributes.ts';
import { newSub } from '../../domain/new-user.ts';
import type { UserRecord } from '../../domain/user.ts';
import { federationFailed, isCognitoError, userDisabled } from '../../errors/index.ts';
import { createUser, updateUser } from '../../services/directory/users.ts';
import { postConfirmationEvent, preSignUpEvent } from '../../services/triggers/index.ts';
import { eventAttributes, eventHeader, type FlowContext } from '../context.ts';

/** At most this many of a SAML assertion's attributes are looked up as links. */
const MAX_LINK_CLAIMS = 50;

/**
 * The user an identity of `provider` signs in as: linked on its user id (Cognito_Subject), or on
 * one of the pool attributes the provider maps (a link made with that ProviderAttributeName), or
 * for SAML on one of the assertion's own attributes (AdminLinkProviderForUser's reference: "For
 * SAML, the ProviderAttributeName can be any value that matches a claim in the SAML assertion").
 */
async function linkedUser(fc: FlowContext, provider: IdentityProviderRecord, userId: string, mapped: Record<string, string>, claims: Record<string, unknown>): Promise<UserRecord | undefined> {
  const { store } = fc.deps;
  const bySubject = await store.users.getByAlias(fc.pool.id, IDENTITY_KIND, identityKey(provider.name, SUBJECT, userId));
  if (bySubject) return bySubject;
  const samlClaims = provider.type === 'SAML' ? Object.entries(claims).filter((e): e is [string, string] => typeof e[1] === 'string').slice(0, MAX_LINK_CLAIMS) : [];
  for (const [attribute, value] of [...Object.entries(mapped), ...samlClaims]) {
    const u = await store.users.getByAlias(fc.pool.id, IDENTITY_KIND, identityKey(provider.name, attribute, value));
    if (u) return u;
  }
  return undefined;
}

/** A later sign-in, or a linked user's: the mapped attributes written. */
async function signInExisting(fc: FlowContext, found: UserRecord, mapped: Record<string, string>): Promise<UserRecord> {
  if (!found.enabled) throw userDisabled();
  const now = fc.deps.clock.now();
  return updateUser(fc.deps.store, fc.pool, found.sub, (u) => {
    if (!u.enabled) throw userDisabled();
    return { ...u, attributes: attributesAfterSignIn(fc.pool.config, u.attributes, mapped) };
  }, now);
}

/** PreSignUp_ExternalProvider: the function may refuse the user (its error ends the sign-in), or verify its email or phone number. */
async function preSignUp(fc: FlowContext, username: string, attributes: Record<string, string>): Promise<Record<string, string>> {
  const arn = fc.pool.config.LambdaConfig?.PreSignUp;
  if (!arn) return attributes;
  const { response } = await fc.deps.triggers.invoke(
    arn,
    preSignUpEvent({ triggerSource: 'PreSignUp_ExternalProvider', ...eventHeader(fc, username), userAttributes: attributes, validationData: null, clientMetadata: fc.clientMetadata }),
  );
  // autoConfirmUser has nothing to do: a federated user is EXTERNAL_PROVIDER, never UNCONFIRMED.
  const next = { ...attributes };
  if (response.autoVerifyEmail && next.email) next.email_verified = 'true';
  if (response.autoVerifyPhone && next.phone_number) next.phone_number_verified = 'true';
  return next;
}

/** The first sign-in: the federated user created, after PreSignUp_ExternalProvider, and PostConfirmation_ConfirmSignUp run. */
async function createFederated(fc: FlowContext, provider: IdentityProviderRecord, userId: string, mapped: Record<string, string>, issuer: string | null): Promise<UserRecord> {
  const username = federatedUsername(provider.name, userId);
  if (!username) throw federationFailed(`the provider's user id cannot make a user name.`);
  const { pool } = fc;
  const now = fc.deps.clock.now();
  // A new email or phone number is unverified unless the mapping or the PreSignUp function says otherwise.
  let attributes = attributesAfterSignIn(pool.config, {}, mapped);
  attributes = await preSignUp(fc, username, attributes);
  const sub = newSub(fc.deps.random);
  const identity: FederatedIdentity = { userId, providerName: provider.name, providerType: provider.type, issuer, primary: true, dateCreated: now };
  attributes = withIdentities({ sub, ...attributes }, [identity]);
  checkRequired(pool.config, attributes);
  const user: UserRecord = {
    poolId: pool.id, sub, username, status: 'EXTERNAL_PROVIDER', enabled: true, attributes, pending: {}, password: null, settings: {},
    createdAt: now, lastModifiedAt: now, version: 1,
  };
  await createUser(fc.deps.store, pool, user, 'sign-up');
  // AWS runs PostConfirmation for a federated user's first sign-in (developer guide, "Lambda
  // triggers for federated users": PreSignUp_ExternalProvider, then PostConfirmation_ConfirmSignUp).
  const post = pool.config.LambdaConfig?.PostConfirmation;
  if (post) {
    await fc.deps.triggers.invoke(post, postConfirmationEvent({ triggerSource: 'PostConfirmation_ConfirmSignUp', ...eventHeader(fc, username), userAttributes: eventAttributes(user), clientMetadata: fc.clientMetadata }));
  }
  return user;
}

/**
 * The user the provider's user signs in as. A disabled user is refused (NotAuthorizedException
 * "User is disabled."); a provider answer without the user id claim is a federation failure.
 * `issuer` goes into a new user's identities entry: a SAML IdP's entity ID (null for OIDC, as Cognito writes it).
 */
export async function federatedSignIn(fc: FlowContext, provider: IdentityProviderRecord, claims: Record<string, unknown>, issuer: string | null = null): Promise<UserRecord> {
  if (provider.poolId !== fc.pool.id) throw federationFailed('the identity provider is not this user pool\'s.');
  const userId = providerUserId(provider, claims);
  if (!userId) throw federationFailed(`the provider's answer has no ${usernameClaim(provider)} claim.`);
  const mapped = mappedAttributes(fc.pool.config, provider, claims);
  const found = await linkedUser(fc, provider, userId, mapped, claims);
  if (found) return signInExisting(fc, found, mapped);
  try {
    return await createFederated(fc, provider, userId, mapped, issuer);
  } catch (e) {
    // Two first sign-ins at once: the one that lost finds the user the other made.
    if (!isCognitoError(e) || (e.type !== 'UsernameExistsException' && e.type !== 'AliasExistsException')) throw e;
    const again = await linkedUser(fc, provider, userId, mapped, claims);
    if (again) return signInExisting(fc, again, mapped);
    throw federationFailed(`a user named ${provider.name}_${userId} already exists.`);
  }
}
