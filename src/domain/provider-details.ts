/**
 * ProviderDetails by provider type: which keys an administrator gives (required and optional),
 * which AWS derives and shows on Describe, and the default username mapping. The keys and the
 * derived values are those of the API reference's CreateIdentityProvider ProviderDetails section
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateIdentityProvider.html).
 */
import { invalidDetail, requiredDetails, samlMetadataChoice, unknownDetail } from '../errors/index.ts';
import type { ProviderType } from './identity-provider.ts';

interface Rules {
  required: readonly string[];
  optional: readonly string[];
  /** Keys AWS sets itself: accepted back (a Describe's details sent to Update) and dropped. */
  derived: readonly string[];
}

const OIDC_ENDPOINTS = ['authorize_url', 'token_url', 'attributes_url', 'jwks_uri'];
const SOCIAL_DERIVED = ['attributes_url', 'attributes_url_add_attributes', 'authorize_url', 'oidc_issuer', 'token_request_method', 'token_url'];

const RULES: Record<ProviderType, Rules> = {
  Google: { required: ['client_id', 'client_secret', 'authorize_scopes'], optional: [], derived: SOCIAL_DERIVED },
  LoginWithAmazon: { required: ['client_id', 'client_secret', 'authorize_scopes'], optional: [], derived: SOCIAL_DERIVED },
  Facebook: { required: ['client_id', 'client_secret', 'authorize_scopes'], optional: ['api_version'], derived: SOCIAL_DERIVED },
  SignInWithApple: { required: ['client_id', 'team_id', 'key_id', 'private_key', 'authorize_scopes'], optional: [], derived: SOCIAL_DERIVED },
  // Without network access Cognate does not fetch the issuer's discovery document: the endpoints
  // are kept as given (AWS fills in the ones it discovers).
  OIDC: { required: ['client_id', 'attributes_request_method', 'oidc_issuer', 'authorize_scopes'], optional: ['client_secret', ...OIDC_ENDPOINTS], derived: ['attributes_url_add_attributes'] },
  SAML: {
    required: [],
    optional: ['MetadataURL', 'MetadataFile', 'IDPSignout', 'IDPInit', 'EncryptedResponses', 'RequestSigningAlgorithm'],
    derived: ['ActiveEncryptionCertificate', 'SLORedirectBindingURI', 'SSORedirectBindingURI'],
  },
};

const BOOLEAN = ['true', 'false'];
const CHOICES: Record<string, readonly string[]> = {
  attributes_request_method: ['GET', 'POST'],
  IDPSignout: BOOLEAN,
  IDPInit: BOOLEAN,
  EncryptedResponses: BOOLEAN,
  RequestSigningAlgorithm: ['rsa-sha256'],
};
const URLS = ['oidc_issuer', 'MetadataURL', ...OIDC_ENDPOINTS];

/**
 * The details to store: checked against the type's rules, the derived keys dropped. Throws
 * InvalidParameterException naming what is wrong.
 */
export function checkProviderDetails(type: ProviderType, given: Record<string, string>): Record<string, string> {
  const rules = RULES[type];
  const missing = rules.required.filter((k) => !given[k]);
  if (missing.length > 0) throw requiredDetails(rules.required);
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(given)) {
    if (rules.derived.includes(key)) continue;
    if (!rules.required.includes(key) && !rules.optional.includes(key)) throw unknownDetail(key, type);
    const choices = CHOICES[key];
    if (choices && !choices.includes(value)) throw invalidDetail(key, `one of ${choices.join(', ')}`);
    if (URLS.includes(key) && !isProviderUrl(value)) throw invalidDetail(key, 'an https URL');
    kept[key] = value;
  }
  if (type === 'SAML' && !kept.MetadataURL === !kept.MetadataFile) throw samlMetadataChoice();
  return kept;
}

/** https, or http to this machine (an upstream provider run locally for development and tests). */
function isProviderUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/**
 * The details as Describe shows them: the stored ones (secrets opened) with the keys AWS derives.
 * Sign in with Apple's private key is never shown, as AWS's Describe example leaves it out.
 */
export function shownProviderDetails(type: ProviderType, details: Record<string, string>): Record<string, string> {
  const shown: Record<string, string> = { ...details, ...derivedDetails(type, details) };
  if (type === 'SignInWithApple') delete shown.private_key;
  return Object.fromEntries(Object.entries(shown).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function derivedDetails(type: ProviderType, details: Record<string, string>): Record<string, string> {
  switch (type) {
    case 'Google':
      return {
        attributes_url: 'https://people.googleapis.com/v1/people/me?personFields=',
        attributes_url_add_attributes: 'true',
        authorize_url: 'https://accounts.google.com/o/oauth2/v2/auth',
        oidc_issuer: 'https://accounts.google.com',
        token_request_method: 'POST',
        token_url: 'https://www.googleapis.com/oauth2/v4/token',
      };
    case 'LoginWithAmazon':
      return {
        attributes_url: 'https://api.amazon.com/user/profile',
        attributes_url_add_attributes: 'false',
        authorize_url: 'https://www.amazon.com/ap/oa',
        token_request_method: 'POST',
        token_url: 'https://api.amazon.com/auth/o2/token',
      };
    case 'SignInWithApple':
      return {
        attributes_url_add_attributes: 'false',
        authorize_url: 'https://appleid.apple.com/auth/authorize',
        oidc_issuer: 'https://appleid.apple.com',
        token_request_method: 'POST',
        token_url: 'https://appleid.apple.com/auth/token',
      };
    case 'Facebook': {
      const v = details.api_version ? `/${details.api_version}` : '';
      return {
        attributes_url: `https://graph.facebook.com${v}/me?fields=`,
        attributes_url_add_attributes: 'true',
        authorize_url: `https://www.facebook.com${v}/dialog/oauth`,
        token_request_method: 'GET',
        token_url: `https://graph.facebook.com${v}/oauth/access_token`,
      };
    }
    case 'OIDC':
      return { attributes_url_add_attributes: 'false' };
    case 'SAML':
      return {};
  }
}

/** The claim AWS maps to the user's username when the mapping does not name one (SAML has none). */
export const DEFAULT_USERNAME_CLAIM: Record<ProviderType, string | undefined> = {
  OIDC: 'sub',
  Google: 'sub',
  SignInWithApple: 'sub',
  Facebook: 'id',
  LoginWithAmazon: 'user_id',
  SAML: undefined,
};
