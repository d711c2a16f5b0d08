/**
 * The managed login pages' account steps over plain HTTP: sign-up and its confirmation code (read
 * from the inbox), a forgotten password reset, a forced new password, and a request that comes to a
 * registered domain's Host with a client of another pool.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { AdminCreateUserCommand, AdminGetUserCommand, CreateUserPoolDomainCommand, RespondToAuthChallengeCommand, type CreateUserPoolClientRequest } from '@aws-sdk/client-cognito-identity-provider';
import { secretHash } from '../../src/services/directory/client-secrets.ts';
import type { ClientRecord } from '../../src/domain/client.ts';
import type { PoolRecord } from '../../src/domain/pool.ts';
import { FormBrowser, type Answer } from '../support/form-browser.ts';
import { createClient, createPool, rejectsWith, startTestbed, type Testbed } from '../support/testbed.ts';

/** fetch keeps the URL's Host; node:http sends the one given, as a request to the domain would carry it. */
function getWithHost(url: string, host: string): Promise<{ status: number; location?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, ...(res.headers.location ? { location: res.headers.location } : {}), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const CALLBACK = 'https://app.example.com/callback';
const PASSWORD = 'Passw0rd!';

describe('the managed login pages: sign-up, confirmation, password reset, new password, domains', () => {
  let tb: Testbed;
  let pool: PoolRecord;
  let client: ClientRecord;
  const start = (c = client) => `/oauth2/authorize?${new URLSearchParams({ client_id: c.clientId, response_type: 'code', redirect_uri: CALLBACK, scope: 'openid', state: 's' })}`;

  async function codeFor(username: string): Promise<string> {
    for (let i = 0; i < 50; i++) {
      const res = await fetch(`${tb.url}/_cognate/messages?userPoolId=${pool.id}&destination=${encodeURIComponent(username)}`);
      const { messages } = (await res.json()) as { messages: { code: string }[] };
      if (messages[0]?.code) return messages[0].code;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no code for ${username}`);
  }

  const codeAfterSent = async (username: string, before: string | undefined) => {
    for (let i = 0; i < 50; i++) {
      const code = await codeFor(username);
      if (code !== before) return code;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('no new code');
  };

  before(async () => {
    tb = await startTestbed();
    pool = await createPool(tb, { UsernameAttributes: ['email'], AutoVerifiedAttributes: ['email'] });
    const oauth: Partial<CreateUserPoolClientRequest> = { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid', 'email'], CallbackURLs: [CALLBACK], SupportedIdentityProviders: ['COGNITO'] };
    client = await createClient(tb, pool, { ...oauth, GenerateSecret: true });
  });
  after(() => tb.close());

  it('signs a user up, confirms the code from the inbox, and signs them in', async () => {
    const b = new FormBrowser(tb.url);
    const signIn = await b.go(start());
    const signUp = await b.go(/href="(\/signup\?[^"]+)"/.exec(signIn.html)![1]!.replace(/&amp;/g, '&'));
    assert.equal(signUp.status, 200);
    const weak = await b.submit(signUp, '/signup', { username: 'bob@example.com', password: 'short' });
    assert.equal(weak.status, 400);
    assert.match(weak.html, /Password did not conform with policy/);
    const confirm = await b.submit(weak, '/signup', { username: 'bob@example.com', password: PASSWORD });
    assert.equal(confirm.status, 200, confirm.html.slice(0, 600));
    assert.match(confirm.html, /name="confirmation_code"/);
    assert.match(confirm.html, /b\*\*\*@e\*\*\*/, 'the masked destination');
    const wrong = await b.submit(confirm, '/confirm', { confirmation_code: '000000' });
    assert.equal(wrong.status, 400);
    assert.match(wrong.html, /Invalid verification code provided, please try again\./);
    const confirmed = await b.submit(wrong, '/confirm', { confirmation_code: await codeFor('bob@example.com') });
    assert.equal(confirmed.status, 200);
    assert.match(confirmed.url, /\/confirm$/);
    const done = await b.submit(confirmed, '/login', { username: 'bob@example.com', password: PASSWORD });
    assert.ok(done.location?.startsWith(`${CALLBACK}?code=`), done.html.slice(0, 600));
    const user = await tb.cognito.send(new AdminGetUserCommand({ UserPoolId: pool.id, Username: 'bob@example.com' }));
    assert.equal(user.UserStatus, 'CONFIRMED');
  });

  it('resets a forgotten password with the code sent', async () => {
    const b = new FormBrowser(tb.url);
    await tb.cognito.send(new AdminCreateUserCommand({ UserPoolId: pool.id, Username: 'carol@example.com', TemporaryPassword: PASSWORD, MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email_verified', Value: 'true' }] }));
    const temporary = await b.submit(await b.go(start()), '/login', { username: 'carol@example.com', password: PASSWORD });
    assert.match(temporary.html, /action="\/newPassword"/, 'a temporary password asks for a new one');
    // The page's Session is the pages' own: the API's RespondToAuthChallenge does not take it (no tokens around the app's authorization).
    const pageSession = FormBrowser.form(temporary.html, '/newPassword').fields.session!;
    await rejectsWith(
      tb.cognito.send(new RespondToAuthChallengeCommand({ ClientId: client.clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: pageSession, ChallengeResponses: { USERNAME: 'carol@example.com', NEW_PASSWORD: 'N3w-Passw0rd!', SECRET_HASH: secretHash(client.secret!, 'carol@example.com', client.clientId) } })),
      'NotAuthorizedException', 'Invalid session for the user, session is expired.',
    );
    // Presented there, it is spent (as any Session a wrong caller presents): the pages start again.
    const again = await b.submit(await b.go(start()), '/login', { username: 'carol@example.com', password: PASSWORD });
    const mismatch = await b.submit(again, '/newPassword', { password: 'N3w-Passw0rd!', confirmPassword: 'other' });
    assert.equal(mismatch.status, 400);
    const changed = await b.submit(mismatch, '/newPassword', { password: 'N3w-Passw0rd!', confirmPassword: 'N3w-Passw0rd!' });
    assert.ok(changed.location?.startsWith(`${CALLBACK}?code=`), changed.html.slice(0, 600));

    const other = new FormBrowser(tb.url);
    const forgot = await other.go(`/forgotPassword?${new URLSearchParams({ client_id: client.clientId, response_type: 'code', redirect_uri: CALLBACK, scope: 'openid' })}`);
    const before = await codeFor('carol@example.com').catch(() => undefined);
    const reset: Answer = await other.submit(forgot, '/forgotPassword', { username: 'carol@example.com' });
    assert.match(reset.html, /name="code"/, reset.html.slice(0, 600));
    const code = await codeAfterSent('carol@example.com', before);
    const signIn = await other.submit(reset, '/confirmForgotPassword', { code, password: 'Th1rd-Passw0rd!', confirmPassword: 'Th1rd-Passw0rd!' });
    assert.equal(signIn.status, 200);
    const done = await other.submit(signIn, '/login', { username: 'carol@example.com', password: 'Th1rd-Passw0rd!' });
    assert.ok(done.location?.startsWith(`${CALLBACK}?code=`));
  });

  it('answers on a registered domain only for that pool\'s clients', async () => {
    await tb.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: pool.id, Domain: 'pages-test' }));
    const otherPool = await createPool(tb, { PoolName: 'other' });
    const stranger = await createClient(tb, otherPool, { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid'], CallbackURLs: [CALLBACK] });
    const host = 'pages-test.auth.us-east-1.amazoncognito.com';
    const own = await getWithHost(`${tb.url}${start()}`, host);
    assert.equal(own.status, 302);
    assert.match(own.location!, /^\/login\?/);
    const borrowed = await getWithHost(`${tb.url}${start(stranger)}`, host);
    assert.equal(borrowed.status, 400);
    assert.match(borrowed.body, /does not belong to the user pool of this domain/);
  });
});
