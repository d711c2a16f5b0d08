/**
 * The identity providers' administrative API through the AWS SDK for JavaScript v3: each type's
 * ProviderDetails as AWS takes and shows them, names and identifiers unique in a pool, paging,
 * secrets sealed at rest, and providers going with their pool. (COGNATE_TEST_STORE=postgres runs it
 * on PostgreSQL.) AWS's ProviderDetails keys and Describe examples:
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateIdentityProvider.html
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateIdentityProviderCommand,
  DeleteIdentityProviderCommand,
  DeleteUserPoolCommand,
  DescribeIdentityProviderCommand,
  GetIdentityProviderByIdentifierCommand,
  ListIdentityProvidersCommand,
  UpdateIdentityProviderCommand,
  type CreateIdentityProviderRequest,
} from '@aws-sdk/client-cognito-identity-provider';
import { createPool, rejectsWith, startTestbed, type Testbed } from '../support/testbed.ts';
import { rawRows } from '../support/raw-store.ts';
import type { PoolRecord } from '../../src/domain/pool.ts';

const OIDC = {
  client_id: 'oidc-client',
  client_secret: 'oidc-secret-value',
  attributes_request_method: 'GET',
  oidc_issuer: 'https://auth.example.com',
  authorize_scopes: 'openid profile email',
  authorize_url: 'https://auth.example.com/authorize',
  token_url: 'https://auth.example.com/token',
  attributes_url: 'https://auth.example.com/userInfo',
  jwks_uri: 'https://auth.example.com/.well-known/jwks.json',
};
const GOOGLE = { client_id: '1example.apps.googleusercontent.com', client_secret: 'google-secret-value', authorize_scopes: 'email profile openid' };

describe('identity providers', () => {
  let tb: Testbed;
  let pool: PoolRecord;
  const create = (input: Partial<CreateIdentityProviderRequest>) =>
    tb.cognito.send(new CreateIdentityProviderCommand({ UserPoolId: pool.id, ProviderName: 'Corp', ProviderType: 'OIDC', ProviderDetails: OIDC, ...input }));

  before(async () => {
    tb = await startTestbed();
    pool = await createPool(tb);
  });
  after(() => tb.close());

  it('creates an OIDC provider and describes it as AWS does: the client secret shown, attributes_url_add_attributes added, username mapped from sub', async () => {
    const out = await create({ IdpIdentifiers: ['corp.example.com', 'Corp1'], AttributeMapping: { email: 'email' } });
    const p = out.IdentityProvider!;
    assert.equal(p.ProviderName, 'Corp');
    assert.equal(p.ProviderType, 'OIDC');
    assert.equal(p.UserPoolId, pool.id);
    assert.deepEqual(p.ProviderDetails, { ...OIDC, attributes_url_add_attributes: 'false' });
    assert.deepEqual(p.AttributeMapping, { username: 'sub', email: 'email' });
    assert.deepEqual(p.IdpIdentifiers, ['corp.example.com', 'Corp1']);
    assert.ok(p.CreationDate instanceof Date && p.LastModifiedDate instanceof Date);
    const described = (await tb.cognito.send(new DescribeIdentityProviderCommand({ UserPoolId: pool.id, ProviderName: 'Corp' }))).IdentityProvider!;
    assert.deepEqual(described, p);
  });

  it('keeps the client secret sealed at rest', async () => {
    const [row] = await rawRows(tb.raw, 'SELECT details FROM identity_providers WHERE pool_id = ? AND name = ?', [pool.id, 'Corp']);
    assert.ok(!String(row.details).includes('oidc-secret-value'));
    assert.match(JSON.parse(String(row.details)).client_secret, /^v2\./);
  });

  it('refuses a name the pool holds (AWS\'s wording, aws-cloudformation/cloudformation-coverage-roadmap#1287), and the reserved "Cognito"', async () => {
    await rejectsWith(create({}), 'DuplicateProviderException', `Corp already exists in user pool ${pool.id}`);
    // The model's ProviderNameTypeV2 pattern asks for three characters at least.
    await rejectsWith(create({ ProviderName: 'X1' }), 'InvalidParameterException', /at 'providerName' failed to satisfy constraint/);
    await rejectsWith(create({ ProviderName: 'COGNITO' }), 'InvalidParameterException', 'Provider name COGNITO is reserved.');
  });

  it('finds a provider by any of its identifiers, and refuses an identifier another provider holds', async () => {
    const found = await tb.cognito.send(new GetIdentityProviderByIdentifierCommand({ UserPoolId: pool.id, IdpIdentifier: 'Corp1' }));
    assert.equal(found.IdentityProvider!.ProviderName, 'Corp');
    await rejectsWith(tb.cognito.send(new GetIdentityProviderByIdentifierCommand({ UserPoolId: pool.id, IdpIdentifier: 'nobody' })), 'ResourceNotFoundException');
    await rejectsWith(create({ ProviderName: 'Other', IdpIdentifiers: ['Corp1'] }), 'InvalidParameterException', /Corp1 is already used/);
    await rejectsWith(create({ ProviderName: 'Other', IdpIdentifiers: ['a', 'a'] }), 'InvalidParameterException', /given more than once/);
    await rejectsWith(tb.cognito.send(new DescribeIdentityProviderCommand({ UserPoolId: pool.id, ProviderName: 'Other' })), 'ResourceNotFoundException', 'Identity provider Other does not exist.');
  });

  it('checks ProviderDetails per type (the social types\' wording from aws-amplify/amplify-cli#8266)', async () => {
    await rejectsWith(create({ ProviderName: 'Google', ProviderType: 'Google', ProviderDetails: { client_id: 'x', authorize_scopes: 'email' } }),
      'InvalidParameterException', 'client_id, client_secret and authorize_scopes are all required idp details.');
    await rejectsWith(create({ ProviderName: 'Google', ProviderType: 'Google', ProviderDetails: { ...GOOGLE, nonsense: '1' } }), 'InvalidParameterException', /nonsense is not a valid idp detail/);
    await rejectsWith(create({ ProviderName: 'Gmail', ProviderType: 'Google', ProviderDetails: GOOGLE }), 'InvalidParameterException', /must be Google/);
    await rejectsWith(create({ ProviderName: 'Xyz', ProviderDetails: { ...OIDC, attributes_request_method: 'PUT' } }), 'InvalidParameterException', /attributes_request_method/);
    await rejectsWith(create({ ProviderName: 'Xyz', ProviderDetails: { ...OIDC, oidc_issuer: 'http://auth.example.com' } }), 'InvalidParameterException', /oidc_issuer: it must be an https URL/);
    const { client_id: _, ...noClient } = OIDC;
    await rejectsWith(create({ ProviderName: 'Xyz', ProviderDetails: noClient }), 'InvalidParameterException', /are all required idp details/);
    await rejectsWith(create({ ProviderName: 'Saml', ProviderType: 'SAML', ProviderDetails: { IDPSignout: 'true' } }), 'InvalidParameterException', 'Exactly one of MetadataURL and MetadataFile is required.');
    await rejectsWith(create({ ProviderName: 'Saml', ProviderType: 'SAML', ProviderDetails: { MetadataURL: 'https://idp.example.com/m', IDPSignout: 'yes' } }), 'InvalidParameterException', /IDPSignout/);
  });

  it('describes the social types with the keys AWS derives; Apple\'s private key is never shown, and kept across an update that leaves it out', async () => {
    const google = (await create({ ProviderName: 'Google', ProviderType: 'Google', ProviderDetails: GOOGLE })).IdentityProvider!;
    assert.deepEqual(google.ProviderDetails, {
      ...GOOGLE,
      attributes_url: 'https://people.googleapis.com/v1/people/me?personFields=',
      attributes_url_add_attributes: 'true',
      authorize_url: 'https://accounts.google.com/o/oauth2/v2/auth',
      oidc_issuer: 'https://accounts.google.com',
      token_request_method: 'POST',
      token_url: 'https://www.googleapis.com/oauth2/v4/token',
    });
    const fb = (await create({ ProviderName: 'Facebook', ProviderType: 'Facebook', ProviderDetails: { ...GOOGLE, api_version: 'v17.0' } })).IdentityProvider!;
    assert.equal(fb.ProviderDetails!.token_url, 'https://graph.facebook.com/v17.0/oauth/access_token');
    assert.equal(fb.AttributeMapping!.username, 'id');
    const apple = { client_id: 'com.example.cognito', team_id: 'TEAM', key_id: 'KEY', private_key: '-----BEGIN PRIVATE KEY-----x', authorize_scopes: 'email name' };
    const created = (await create({ ProviderName: 'SignInWithApple', ProviderType: 'SignInWithApple', ProviderDetails: apple })).IdentityProvider!;
    assert.equal(created.ProviderDetails!.private_key, undefined);
    assert.equal(created.ProviderDetails!.oidc_issuer, 'https://appleid.apple.com');
    // The Describe's details sent back (derived keys included, no private key) are accepted.
    const updated = (await tb.cognito.send(new UpdateIdentityProviderCommand({
      UserPoolId: pool.id, ProviderName: 'SignInWithApple', ProviderDetails: { ...created.ProviderDetails, authorize_scopes: 'email' },
    }))).IdentityProvider!;
    assert.equal(updated.ProviderDetails!.authorize_scopes, 'email');
    const [row] = await rawRows(tb.raw, 'SELECT details FROM identity_providers WHERE pool_id = ? AND name = ?', [pool.id, 'SignInWithApple']);
    assert.match(JSON.parse(String(row.details)).private_key, /^v2\./, 'the private key is still there, sealed');
  });

  it('updates only what is given, and moves LastModifiedDate', async () => {
    tb.clock.offset += 5000;
    const out = (await tb.cognito.send(new UpdateIdentityProviderCommand({ UserPoolId: pool.id, ProviderName: 'Corp', IdpIdentifiers: ['Corp2'] }))).IdentityProvider!;
    assert.deepEqual(out.IdpIdentifiers, ['Corp2']);
    assert.equal(out.ProviderDetails!.client_secret, 'oidc-secret-value', 'details kept');
    assert.deepEqual(out.AttributeMapping, { username: 'sub', email: 'email' });
    assert.ok(out.LastModifiedDate!.getTime() > out.CreationDate!.getTime());
    await rejectsWith(tb.cognito.send(new GetIdentityProviderByIdentifierCommand({ UserPoolId: pool.id, IdpIdentifier: 'Corp1' })), 'ResourceNotFoundException');
    await rejectsWith(tb.cognito.send(new UpdateIdentityProviderCommand({ UserPoolId: pool.id, ProviderName: 'Nope' })), 'ResourceNotFoundException');
  });

  it('lists the providers without details, a page at a time', async () => {
    const first = await tb.cognito.send(new ListIdentityProvidersCommand({ UserPoolId: pool.id, MaxResults: 2 }));
    assert.deepEqual(first.Providers!.map((p) => [p.ProviderName, p.ProviderType]), [['Corp', 'OIDC'], ['Google', 'Google']]);
    assert.equal(Object.keys(first.Providers![0]).sort().join(), 'CreationDate,LastModifiedDate,ProviderName,ProviderType');
    const rest = await tb.cognito.send(new ListIdentityProvidersCommand({ UserPoolId: pool.id, NextToken: first.NextToken }));
    assert.deepEqual(rest.Providers!.map((p) => p.ProviderName), ['Facebook', 'SignInWithApple']);
    assert.equal(rest.NextToken, undefined);
    await rejectsWith(tb.cognito.send(new ListIdentityProvidersCommand({ UserPoolId: pool.id, NextToken: 'bogus' })), 'InvalidParameterException');
  });

  it('deletes a provider with its identifiers, and all of a pool\'s with the pool', async () => {
    await tb.cognito.send(new DeleteIdentityProviderCommand({ UserPoolId: pool.id, ProviderName: 'Corp' }));
    await rejectsWith(tb.cognito.send(new DeleteIdentityProviderCommand({ UserPoolId: pool.id, ProviderName: 'Corp' })), 'ResourceNotFoundException');
    assert.equal((await create({ ProviderName: 'Again', IdpIdentifiers: ['Corp2'] })).IdentityProvider!.ProviderName, 'Again', 'its identifier is free again');
    await tb.cognito.send(new DeleteUserPoolCommand({ UserPoolId: pool.id }));
    assert.deepEqual(await rawRows(tb.raw, 'SELECT name FROM identity_providers WHERE pool_id = ?', [pool.id]), []);
    assert.deepEqual(await rawRows(tb.raw, 'SELECT identifier FROM identity_provider_identifiers WHERE pool_id = ?', [pool.id]), []);
  });
});
