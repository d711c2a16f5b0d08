/**
 * Pre Token Generation at the OAuth 2.0 endpoints: TokenGeneration_HostedAuth for a sign-in on the
 * pages (with the scopes granted), TokenGeneration_ClientCredentials for a machine's grant, sent
 * to V3_0 functions only, with the form's aws_client_metadata as clientMetadata (AWS's token
 * endpoint reference: "aws_client_metadata ... passed to the pre token generation trigger").
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateResourceServerCommand, UpdateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { FormBrowser } from '../support/form-browser.ts';
import { claimsOf, createClient, createPool, createTestUser, fnArn, startTestbed, type Testbed } from '../support/testbed.ts';

const CALLBACK = 'https://app.example.com/cb';

// The function records the event it saw in the claims it adds, so the test reads it back from the token.
const FUNCTION = `export const handler = async (event) => {
  event.response.claimsAndScopeOverrideDetails = {
    accessTokenGeneration: {
      claimsToAddOrOverride: { seen: JSON.stringify({ source: event.triggerSource, scopes: event.request.scopes, meta: event.request.clientMetadata ?? null, user: event.userName }), sub: 'not-allowed' },
      scopesToAdd: ['orders/extra'],
      scopesToSuppress: ['orders/write'],
    },
  };
  return event;
};`;

describe('Pre Token Generation at the OAuth 2.0 endpoints', () => {
  let tb: Testbed;
  before(async () => {
    tb = await startTestbed({ 'pre-token-v3': FUNCTION });
  });
  after(() => tb.close());

  it('shapes a client_credentials token with a V3_0 function, and leaves it alone with a V2_0 one', async () => {
    const pool = await createPool(tb, { UserPoolTier: 'ESSENTIALS', LambdaConfig: { PreTokenGenerationConfig: { LambdaArn: fnArn('pre-token-v3'), LambdaVersion: 'V3_0' } } });
    await tb.cognito.send(new CreateResourceServerCommand({ UserPoolId: pool.id, Identifier: 'orders', Name: 'o', Scopes: [{ ScopeName: 'read', ScopeDescription: 'r' }, { ScopeName: 'write', ScopeDescription: 'w' }] }));
    const m2m = await createClient(tb, pool, { GenerateSecret: true, AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['orders/read', 'orders/write'] });
    const grant = async (extra: Record<string, string> = {}) => {
      const res = await fetch(`${tb.url}/oauth2/token`, {
        method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', ...extra }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${m2m.clientId}:${m2m.secret}`).toString('base64')}` },
      });
      return { status: res.status, body: (await res.json()) as Record<string, string> };
    };
    const t = await grant({ aws_client_metadata: JSON.stringify({ tenant: 'acme' }) });
    assert.equal(t.status, 200, JSON.stringify(t.body));
    const c = claimsOf(t.body.access_token!);
    assert.deepEqual(JSON.parse(c.seen as string), { source: 'TokenGeneration_ClientCredentials', scopes: ['orders/read', 'orders/write'], meta: { tenant: 'acme' }, user: null });
    assert.equal(c.sub, m2m.clientId, 'sub is Cognito\'s to set');
    assert.equal(c.scope, 'orders/read orders/extra');
    const bad = await grant({ aws_client_metadata: '{not json' });
    assert.deepEqual([bad.status, bad.body.error], [400, 'invalid_request']);

    await tb.cognito.send(new UpdateUserPoolCommand({ UserPoolId: pool.id, UserPoolTier: 'ESSENTIALS', LambdaConfig: { PreTokenGenerationConfig: { LambdaArn: fnArn('pre-token-v3'), LambdaVersion: 'V2_0' } } }));
    const v2 = await grant();
    assert.equal(claimsOf(v2.body.access_token!).seen, undefined, 'V2_0 functions do not see machine grants');
  });

  it('runs with TokenGeneration_HostedAuth and the granted scopes for a sign-in on the pages', async () => {
    const pool = await createPool(tb, { UserPoolTier: 'ESSENTIALS', LambdaConfig: { PreTokenGenerationConfig: { LambdaArn: fnArn('pre-token-v3'), LambdaVersion: 'V2_0' } } });
    const web = await createClient(tb, pool, { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid', 'email'], CallbackURLs: [CALLBACK] });
    await createTestUser(tb, pool, { username: 'alice', password: 'Passw0rd!' });
    const b = new FormBrowser(tb.url);
    const page = await b.go(`/oauth2/authorize?${new URLSearchParams({ client_id: web.clientId, response_type: 'code', redirect_uri: CALLBACK, scope: 'openid' })}`);
    const done = await b.submit(page, '/login', { username: 'alice', password: 'Passw0rd!' });
    const code = new URL(done.location!).searchParams.get('code')!;
    const res = await fetch(`${tb.url}/oauth2/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', client_id: web.clientId, code, redirect_uri: CALLBACK }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const t = (await res.json()) as Record<string, string>;
    const seen = JSON.parse(claimsOf(t.access_token!).seen as string);
    assert.deepEqual([seen.source, seen.scopes, seen.user], ['TokenGeneration_HostedAuth', ['openid'], 'alice']);
  });
});
