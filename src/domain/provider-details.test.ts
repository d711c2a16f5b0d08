import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CognitoError } from '../errors/index.ts';
import { checkProviderDetails, shownProviderDetails } from './provider-details.ts';

// Keys per type: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateIdentityProvider.html
describe('ProviderDetails rules', () => {
  const refuses = (f: () => unknown, message: RegExp) => assert.throws(f, (e) => e instanceof CognitoError && e.type === 'InvalidParameterException' && message.test(e.message));

  it('requires each type\'s keys, naming them all', () => {
    refuses(() => checkProviderDetails('SignInWithApple', { client_id: 'a' }), /^client_id, team_id, key_id, private_key and authorize_scopes are all required idp details\.$/);
    refuses(() => checkProviderDetails('LoginWithAmazon', { client_id: 'a', client_secret: '', authorize_scopes: 'profile' }), /client_secret/);
  });

  it('takes an OIDC provider without a client secret or endpoints, and http only to this machine', () => {
    const d = { client_id: 'c', attributes_request_method: 'POST', oidc_issuer: 'http://localhost:9000', authorize_scopes: 'openid' };
    assert.deepEqual(checkProviderDetails('OIDC', d), d);
    refuses(() => checkProviderDetails('OIDC', { ...d, oidc_issuer: 'not a url' }), /oidc_issuer/);
    refuses(() => checkProviderDetails('OIDC', { ...d, jwks_uri: 'ftp://x' }), /jwks_uri/);
  });

  it('drops the keys AWS derives, so a Describe\'s details can be sent back', () => {
    const saml = { MetadataURL: 'https://idp.example.com/metadata', IDPInit: 'true', SSORedirectBindingURI: 'https://idp.example.com/sso' };
    assert.deepEqual(checkProviderDetails('SAML', saml), { MetadataURL: saml.MetadataURL, IDPInit: 'true' });
    refuses(() => checkProviderDetails('SAML', { ...saml, MetadataFile: '<x/>' }), /Exactly one/);
  });

  it('shows Facebook\'s endpoints for its API version, and sorts the keys', () => {
    const shown = shownProviderDetails('Facebook', { client_id: 'c', client_secret: 's', authorize_scopes: 'email', api_version: 'v17.0' });
    assert.equal(shown.authorize_url, 'https://www.facebook.com/v17.0/dialog/oauth');
    assert.deepEqual(Object.keys(shown), [...Object.keys(shown)].sort());
  });
});
