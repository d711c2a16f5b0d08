/**
 * Federated sign-in end to end: an oidc-provider upstream on a loopback port, Cognate's engine
 * (startUpstream → the browser's redirects → finishUpstream → federatedSignIn), and the linking
 * operations through the SDK.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  AdminDeleteUserCommand, AdminDisableProviderForUserCommand, AdminGetUserCommand, AdminLinkProviderForUserCommand, CreateIdentityProviderCommand, GetSigningCertificateCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { ClientRecord } from '../../src/domain/client.ts';
import type { IdentityProviderRecord } from '../../src/domain/identity-provider.ts';
import type { PoolRecord } from '../../src/domain/pool.ts';
import { federatedSignIn } from '../../src/flows/federation/federated-user.ts';
import { finishUpstream, startUpstream, type UpstreamDeps } from '../../src/flows/federation/oidc-upstream.ts';

import type { FlowContext } from '../../src/flows/context.ts';
import { issueTokens } from '../../src/services/tokens/issue.ts';
import { startUpstream as startOidcProvider, type Upstream } from '../support/oidc-upstream.ts';
import { claimsOf, createClient, createPool, createTestUser, fnArn, rejectsWith, startTestbed, type Testbed } from '../support/testbed.ts';

// Records each event; refuses one email; verifies the email of a federated user (PreSignUp_ExternalProvider's autoVerifyEmail).
const RECORDER = `import { appendFileSync } from 'node:fs';
export const handler = async (event) => {
  appendFileSync(new URL('./events.log', import.meta.url), JSON.stringify({ source: event.triggerSource, userName: event.userName, attributes: event.request.userAttributes }) + '\\n');
  if (event.request.userAttributes.email === 'refuse@example.com') throw new Error('no such people here');
  if (event.triggerSource === 'PreSignUp_ExternalProvider') event.response.autoVerifyEmail = true;
  return event;
};`;

describe('federated sign-in through an upstream OIDC provider', () => {
  let tb: Testbed;
  let up: Upstream;
  let pool: PoolRecord;
  let client: ClientRecord;
  let provider: IdentityProviderRecord;
  let deps: UpstreamDeps;
  const events = () => (existsSync(join(tb.dir, 'events.log')) ? readFileSync(join(tb.dir, 'events.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { source: string; userName: string; attributes: Record<string, string> }) : []);
  const fc = (): FlowContext => ({ deps: tb.app.deps, ctx: { userAgent: 'federation-test', log: tb.app.server.log, sourceIp: '127.0.0.1' }, pool, client, admin: false });

  /** A whole sign-in as `accountId`: the upstream's claims in, Cognate's user out. */
  async function signIn(accountId: string) {
    up.next.accountId = accountId;
    delete up.next.refuse;
    const { url, checks } = await startUpstream(deps, provider, { redirectUri: up.redirectUri });
    const claims = await finishUpstream(deps, provider, await up.follow(url), checks);
    return federatedSignIn(fc(), provider, claims);
  }

  before(async () => {
    tb = await startTestbed({ recorder: RECORDER });
    up = await startOidcProvider();
    pool = await createPool(tb, { LambdaConfig: { PreSignUp: fnArn('recorder'), PostConfirmation: fnArn('recorder') }, UsernameAttributes: ['email'] });
    client = await createClient(tb, pool);
    await tb.cognito.send(new CreateIdentityProviderCommand({
      UserPoolId: pool.id, ProviderName: 'Corp', ProviderType: 'OIDC',
      ProviderDetails: { client_id: up.clientId, client_secret: up.clientSecret, attributes_request_method: 'GET', oidc_issuer: up.issuer, authorize_scopes: 'openid email profile' },
      AttributeMapping: { email: 'email', name: 'name' },
    }));
    provider = (await tb.app.store.identityProviders.get(pool.id, 'Corp'))!;
    deps = tb.app.deps;
    up.accounts.set('acct-1', { email: 'ann@example.com', name: 'Ann', email_verified: true });
    up.accounts.set('acct-2', { email: 'bob@example.com', name: 'Bob' });
    up.accounts.set('acct-3', { email: 'refuse@example.com', name: 'Refused' });
  });
  after(async () => {
    await up?.close();
    await tb?.close();
  });

  it('asks the upstream for a code with PKCE S256, a state, a nonce and the provider\'s scopes', async () => {
    const { url, checks } = await startUpstream(deps, provider, { redirectUri: up.redirectUri });
    const u = new URL(url);
    assert.equal(u.origin, up.issuer);
    assert.equal(u.searchParams.get('client_id'), up.clientId);
    assert.equal(u.searchParams.get('scope'), 'openid email profile');
    assert.equal(u.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(u.searchParams.get('state'), checks.state);
    assert.equal(u.searchParams.get('nonce'), checks.nonce);
    assert.notEqual(u.searchParams.get('code_challenge'), checks.codeVerifier);
    assert.equal(deps.upstream.size, 1, 'the discovered configuration is cached');
  });

  it('creates the federated user on the first sign-in, after PreSignUp_ExternalProvider, then runs PostConfirmation', async () => {
    const user = await signIn('acct-1');
    assert.equal(user.username, 'Corp_acct-1', 'the username is <ProviderName>_<sub>, even where email is the username');
    assert.equal(user.status, 'EXTERNAL_PROVIDER');
    assert.equal(user.password, null);
    assert.equal(user.attributes.email, 'ann@example.com');
    assert.equal(user.attributes.name, 'Ann');
    assert.equal(user.attributes.email_verified, 'true', 'PreSignUp_ExternalProvider answered autoVerifyEmail');
    const identities = JSON.parse(user.attributes.identities) as Record<string, unknown>[];
    assert.deepEqual(identities.map(({ dateCreated: _d, ...i }) => i), [{ userId: 'acct-1', providerName: 'Corp', providerType: 'OIDC', issuer: null, primary: true }]);
    assert.deepEqual(events().map((e) => [e.source, e.userName]), [['PreSignUp_ExternalProvider', 'Corp_acct-1'], ['PostConfirmation_ConfirmSignUp', 'Corp_acct-1']]);
    assert.equal(events()[0].attributes.email, 'ann@example.com', 'PreSignUp sees the mapped attributes');
    const got = await tb.cognito.send(new AdminGetUserCommand({ UserPoolId: pool.id, Username: 'Corp_acct-1' }));
    assert.equal(got.UserStatus, 'EXTERNAL_PROVIDER');

    // The ID token carries identities as an array of objects, as Cognito's does.
    const tokens = await issueTokens({ keys: tb.app.deps.keys, repos: tb.app.store, clock: tb.app.deps.clock, random: tb.app.deps.random, issuer: (id) => `${tb.url}/${id}` }, { pool, client, user, groups: [], authTime: 0, withRefreshToken: false });
    const claim = claimsOf(tokens.IdToken!).identities as Record<string, unknown>[];
    assert.equal(claim[0].userId, 'acct-1');
    assert.equal(claim[0].providerName, 'Corp');
  });

  it('signs the same user in the second time, its mapped attributes updated, without PreSignUp again', async () => {
    const first = (await tb.app.store.users.getByUsername(pool.id, 'Corp_acct-1'))!;
    up.accounts.set('acct-1', { email: 'ann@example.com', name: 'Ann Smith' });
    const user = await signIn('acct-1');
    assert.equal(user.sub, first.sub);
    assert.equal(user.attributes.name, 'Ann Smith');
    assert.equal(user.attributes.email_verified, 'true', 'an unchanged email stays verified');
    assert.equal(events().filter((e) => e.source === 'PreSignUp_ExternalProvider').length, 1);
  });

  it('refuses the sign-in when PreSignUp refuses, and creates no user', async () => {
    await rejectsWith(signIn('acct-3'), 'UserLambdaValidationException', 'PreSignUp failed with error no such people here.');
    assert.equal(await tb.app.store.users.getByUsername(pool.id, 'Corp_acct-3'), undefined);
  });

  it('signs a linked provider user in as the native user (AdminLinkProviderForUser), and refuses to merge an existing federated user', async () => {
    const native = await createTestUser(tb, pool, { username: 'native-bob', password: 'Passw0rd!', attributes: { email: 'bob@example.com', email_verified: 'true' } });
    const link = (value: string) => new AdminLinkProviderForUserCommand({
      UserPoolId: pool.id,
      DestinationUser: { ProviderName: 'Cognito', ProviderAttributeValue: 'bob@example.com' },
      SourceUser: { ProviderName: 'Corp', ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: value },
    });
    await tb.cognito.send(link('acct-2'));
    const user = await signIn('acct-2');
    assert.equal(user.sub, native.sub);
    assert.equal(user.status, 'CONFIRMED');
    const got = await tb.cognito.send(new AdminGetUserCommand({ UserPoolId: pool.id, Username: 'native-bob' }));
    const identities = JSON.parse(got.UserAttributes!.find((a) => a.Name === 'identities')!.Value!) as Record<string, unknown>[];
    assert.equal(identities[0].userId, 'acct-2');
    assert.equal(identities[0].providerName, 'Corp');
    assert.equal(await tb.app.store.users.getByUsername(pool.id, 'Corp_acct-2'), undefined, 'no federated user was made');
    // aws/aws-sdk-net#1000: the source user has signed in already.
    await rejectsWith(tb.cognito.send(link('acct-1')), 'InvalidParameterException', 'Merging is not currently supported, provide a SourceUser that has not been signed up in order to link');
  });

  it('removes the link with AdminDisableProviderForUser: the provider user then gets a federated user of its own', async () => {
    await tb.cognito.send(new AdminDisableProviderForUserCommand({ UserPoolId: pool.id, User: { ProviderName: 'Corp', ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: 'acct-2' } }));
    const native = (await tb.app.store.users.getByUsername(pool.id, (await tb.cognito.send(new AdminGetUserCommand({ UserPoolId: pool.id, Username: 'native-bob' }))).Username!))!;
    assert.equal(native.attributes.identities, undefined);
    const user = await signIn('acct-2');
    assert.equal(user.username, 'Corp_acct-2');
    assert.notEqual(user.sub, native.sub);
  });

  it('disables the federated user itself with AdminDisableProviderForUser: its next sign-in is refused', async () => {
    await tb.cognito.send(new AdminDisableProviderForUserCommand({ UserPoolId: pool.id, User: { ProviderName: 'Corp', ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: 'acct-1' } }));
    await rejectsWith(signIn('acct-1'), 'NotAuthorizedException', 'User is disabled.');
  });

  it('removes a deleted user\'s links (AdminDeleteUser)', async () => {
    const carol = await createTestUser(tb, pool, { username: 'carol', password: 'Passw0rd!', attributes: { email: 'carol@example.com' } });
    up.accounts.set('acct-4', { email: 'carol@example.com', name: 'Carol' });
    await tb.cognito.send(new AdminLinkProviderForUserCommand({
      UserPoolId: pool.id, DestinationUser: { ProviderName: 'Cognito', ProviderAttributeValue: 'carol@example.com' }, SourceUser: { ProviderName: 'Corp', ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: 'acct-4' },
    }));
    await tb.cognito.send(new AdminDeleteUserCommand({ UserPoolId: pool.id, Username: 'carol@example.com' }));
    const user = await signIn('acct-4');
    assert.notEqual(user.sub, carol.sub);
    assert.equal(user.username, 'Corp_acct-4');
  });

  it('ends the sign-in with a clear error when the upstream refuses', async () => {
    up.next.refuse = 'access_denied';
    const { url, checks } = await startUpstream(deps, provider, { redirectUri: up.redirectUri });
    const back = await up.follow(url);
    assert.equal(back.searchParams.get('error'), 'access_denied');
    await rejectsWith(finishUpstream(deps, provider, back, checks), 'NotAuthorizedException', 'Sign-in with the identity provider failed: the provider answered access_denied.');
  });

  it('refuses a callback whose state is not the sign-in\'s', async () => {
    up.next.accountId = 'acct-2';
    delete up.next.refuse;
    const { url, checks } = await startUpstream(deps, provider, { redirectUri: up.redirectUri });
    const back = await up.follow(url);
    await rejectsWith(finishUpstream(deps, provider, back, { ...checks, state: 'another-sign-in' }), 'NotAuthorizedException', /the state does not match/);
  });

  it('refuses an ID token whose nonce is not the sign-in\'s', async () => {
    up.next.accountId = 'acct-2';
    delete up.next.refuse;
    const { url, checks } = await startUpstream(deps, provider, { redirectUri: up.redirectUri });
    const back = await up.follow(url);
    await rejectsWith(finishUpstream(deps, provider, back, { ...checks, nonce: 'another-nonce' }), 'NotAuthorizedException', /could not be exchanged for a valid ID token/);
  });

  it('refuses a code exchanged with the wrong PKCE verifier', async () => {
    up.next.accountId = 'acct-2';
    const { url, checks } = await startUpstream(deps, provider, { redirectUri: up.redirectUri });
    const back = await up.follow(url);
    await rejectsWith(finishUpstream(deps, provider, back, { ...checks, codeVerifier: 'x'.repeat(43) }), 'NotAuthorizedException', /could not be exchanged/);
  });

  it('answers GetSigningCertificate with the pool\'s own certificate, the same each time', async () => {
    const first = (await tb.cognito.send(new GetSigningCertificateCommand({ UserPoolId: pool.id }))).Certificate!;
    const again = (await tb.cognito.send(new GetSigningCertificateCommand({ UserPoolId: pool.id }))).Certificate!;
    assert.equal(again, first);
    const cert = new X509Certificate(Buffer.from(first, 'base64'));
    assert.match(cert.subject, new RegExp(`CN=${pool.id}$`));
    const other = await createPool(tb);
    assert.notEqual((await tb.cognito.send(new GetSigningCertificateCommand({ UserPoolId: other.id }))).Certificate, first);
    await rejectsWith(tb.cognito.send(new GetSigningCertificateCommand({ UserPoolId: 'us-east-1_Nowhere1' })), 'ResourceNotFoundException');
  });
});
