/**
 * Two Cognate processes on one PostgreSQL schema, as behind a load balancer that sends each
 * request anywhere: what one does, the other knows at once, because everything lives in the
 * database (codes, limits, revocations, keys, the outbox, rate buckets, the sign-in lockout).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  SignUpCommand,
  VerifyUserAttributeCommand,
  type CognitoIdentityProviderClient,
  type CreateUserPoolCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { sdkClient, startServer, type Server } from './harness.ts';
import { dropSchemas, postgresArgs, postgresUnavailable, schemaName, withAdmin } from '../support/postgres.ts';
import { freePort, startSmtpPeer, type SmtpPeer } from '../support/smtp-peer.ts';

const ISSUER = 'http://cognate.example';
const SES_IDENTITY = 'arn:aws:ses:us-east-1:000000000000:identity/example.com';
const PASSWORD = 'Corr3ct-horse-battery';
/** The pools' UserRead quota (requests per second, also the burst) in the rate test. */
const READ_RATE = 20;
const MESSAGES = 200;

const skip = await postgresUnavailable();

/** The error a call failed with, as [name, message]. */
async function failure(p: Promise<unknown>): Promise<[string, string]> {
  try {
    await p;
  } catch (e) {
    return [(e as Error).name, (e as Error).message];
  }
  throw new Error('expected the call to fail');
}

describe('two instances on one PostgreSQL database', { skip }, () => {
  const schema = schemaName('multi');
  let dir: string;
  let a: Server;
  let b: Server;
  let ca: CognitoIdentityProviderClient;
  let cb: CognitoIdentityProviderClient;
  let smtpPort: number;
  let smtp: SmtpPeer | undefined;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cognate-multi-'));
    // The SMTP relay is down (nothing listens on its port) until the outbox test brings it up.
    smtpPort = await freePort();
    writeFileSync(join(dir, 'cognate.json'), JSON.stringify({
      delivery: {
        mode: 'route',
        channels: { mail: { type: 'smtp', url: `smtp://127.0.0.1:${smtpPort}`, timeoutMs: 2000 } },
        defaultEmail: { channel: 'capture' },
        defaultSms: { channel: 'capture' },
        emailIdentities: { [SES_IDENTITY]: { channel: 'mail', from: 'no-reply@example.com' } },
        retryBaseMs: 50, maxAttempts: 40, pollMs: 100,
      },
      limits: { requestRates: true, rates: { UserRead: READ_RATE, UserAuthentication: 1000, UserCreation: 1000, UserUpdate: 1000, UserToken: 1000 } },
    }));
    // One issuer for both, as behind a load balancer: a token's `iss` does not depend on the instance that signed it.
    const args = ['--config', join(dir, 'cognate.json'), ...postgresArgs(schema), '--issuer-base-url', ISSUER];
    [a, b] = await Promise.all([startServer({ args }), startServer({ args })]);
    [ca, cb] = [sdkClient(a.url), sdkClient(b.url)];
  });
  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await smtp?.close();
    await dropSchemas([schema]);
    rmSync(dir, { recursive: true, force: true });
  });

  /** A pool made through A with an app client made through B. */
  async function pool(input: Partial<CreateUserPoolCommandInput> = {}) {
    const id = (await ca.send(new CreateUserPoolCommand({ PoolName: 'shared', ...input }))).UserPool!.Id!;
    const clientId = (await cb.send(new CreateUserPoolClientCommand({ UserPoolId: id, ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }))).UserPoolClient!.ClientId!;
    return { id, clientId };
  }

  /** A confirmed user with a password, created through A, its password set through B. */
  async function user(p: { id: string }, username: string) {
    await ca.send(new AdminCreateUserCommand({ UserPoolId: p.id, Username: username, MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }] }));
    await cb.send(new AdminSetUserPasswordCommand({ UserPoolId: p.id, Username: username, Password: PASSWORD, Permanent: true }));
  }

  const signIn = async (via: CognitoIdentityProviderClient, p: { clientId: string }, username: string) =>
    (await via.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: p.clientId, AuthParameters: { USERNAME: username, PASSWORD } }))).AuthenticationResult!;

  it('verifies through one instance a code requested through the other', async () => {
    const p = await pool();
    await user(p, 'alice');
    const { AccessToken } = await signIn(ca, p, 'alice');
    await ca.send(new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: 'email' }));
    // The development inbox of B shows the message A sent: the outbox is shared.
    const inbox = (await (await fetch(`${b.url}/_cognate/messages?userPoolId=${p.id}&username=alice`)).json()) as { messages: { code: string }[] };
    assert.equal(inbox.messages.length, 1);
    await cb.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: inbox.messages[0].code }));
    const attrs = (await ca.send(new AdminGetUserCommand({ UserPoolId: p.id, Username: 'alice' }))).UserAttributes!;
    assert.equal(attrs.find((x) => x.Name === 'email_verified')?.Value, 'true');
    assert.deepEqual(await failure(ca.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: inbox.messages[0].code }))),
      ['ExpiredCodeException', 'Invalid code provided, please request a code again.'], 'used once, whichever instance is asked');
  });

  it('verifies a token signed by one instance with the JWKS of the other', async () => {
    const p = await pool();
    await user(p, 'bob');
    const fromA = (await signIn(ca, p, 'bob')).AccessToken!;
    const fromB = (await signIn(cb, p, 'bob')).AccessToken!;
    const jwks = async (s: Server) => (await (await fetch(`${s.url}/${p.id}/.well-known/jwks.json`)).json()) as { keys: Record<string, unknown>[] };
    const [ja, jb] = [await jwks(a), await jwks(b)];
    assert.deepEqual(ja, jb, 'one key set');
    const verified = await jwtVerify(fromA, createLocalJWKSet(jb as Parameters<typeof createLocalJWKSet>[0]), { issuer: `${ISSUER}/${p.id}` });
    assert.equal(verified.payload.username, 'bob');
    await jwtVerify(fromB, createLocalJWKSet(ja as Parameters<typeof createLocalJWKSet>[0]), { issuer: `${ISSUER}/${p.id}` });
    assert.equal((await cb.send(new GetUserCommand({ AccessToken: fromA }))).Username, 'bob', 'and B accepts it');
  });

  it('refuses at once, on the other instance, the tokens a GlobalSignOut through one ended', async () => {
    const p = await pool();
    await user(p, 'carol');
    const tokens = await signIn(ca, p, 'carol');
    assert.equal((await cb.send(new GetUserCommand({ AccessToken: tokens.AccessToken }))).Username, 'carol');
    await ca.send(new GlobalSignOutCommand({ AccessToken: tokens.AccessToken }));
    assert.deepEqual(await failure(cb.send(new GetUserCommand({ AccessToken: tokens.AccessToken }))), ['NotAuthorizedException', 'Access Token has been revoked']);
    assert.deepEqual(await failure(cb.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: p.clientId, AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! } }))),
      ['NotAuthorizedException', 'Refresh Token has been revoked']);
  });

  it('holds the per-user limit across both: five codes an hour through either, the sixth refused by both', async () => {
    const p = await pool();
    await user(p, 'dave');
    const { AccessToken } = await signIn(cb, p, 'dave');
    const ask = (via: CognitoIdentityProviderClient) => via.send(new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: 'email' }));
    for (const via of [ca, cb, ca, cb, ca]) await ask(via);
    const refused = ['LimitExceededException', 'Attempt limit exceeded, please try after some time.'];
    assert.deepEqual(await failure(ask(cb)), refused);
    assert.deepEqual(await failure(ask(ca)), refused);
  });

  it('holds the request-rate quota for a pool across both: one token bucket in the database', async (t) => {
    const p = await pool();
    await user(p, 'erin');
    // 3 × the rate at once, half through each instance: two buckets in memory would let 2 × the rate through.
    const started = performance.now();
    const results = await Promise.allSettled(Array.from({ length: 3 * READ_RATE }, (_, i) => (i % 2 ? ca : cb).send(new AdminGetUserCommand({ UserPoolId: p.id, Username: 'erin' }))));
    const seconds = (performance.now() - started) / 1000;
    const passed = results.filter((r) => r.status === 'fulfilled').length;
    for (const r of results) if (r.status === 'rejected') assert.equal((r.reason as Error).name, 'TooManyRequestsException');
    // The tolerance: none. At most the burst plus what refilled while the requests ran (the rate × their duration).
    const most = READ_RATE + Math.ceil(READ_RATE * seconds);
    t.diagnostic(`${passed} of ${results.length} passed in ${seconds.toFixed(2)} s; the shared bucket allows ${READ_RATE} + ${READ_RATE}/s × ${seconds.toFixed(2)} s ≤ ${most}`);
    assert.ok(passed >= READ_RATE, `the burst of ${READ_RATE} passes (${passed} did)`);
    assert.ok(passed <= most, `${passed} passed, more than the ${most} one shared bucket allows`);
  });

  it('holds the sign-in lockout across both: 40 wrong passwords at once, half through each, at most 6 checked', async (t) => {
    const p = await pool();
    await user(p, 'frank');
    const wrong = (via: CognitoIdentityProviderClient) =>
      via.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: p.clientId, AuthParameters: { USERNAME: 'frank', PASSWORD: 'Wrong-pass1' } }));
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => failure(wrong(i % 2 ? ca : cb))));
    const checked = answers.filter(([, m]) => m === 'Incorrect username or password.').length;
    const refused = answers.filter(([, m]) => m === 'Password attempts exceeded').length;
    t.diagnostic(`40 wrong passwords through two instances: ${checked} checked, ${refused} refused as locked out`);
    assert.equal(checked + refused, 40);
    assert.ok(checked <= 6, `${checked} passwords were checked`);
  });

  it(`delivers ${MESSAGES} queued messages exactly once between them`, async (t) => {
    const p = await pool({ AutoVerifiedAttributes: ['email'], EmailConfiguration: { EmailSendingAccount: 'DEVELOPER', SourceArn: SES_IDENTITY } });
    // The relay is down: each request's own attempt fails and leaves its message queued for the dispatchers.
    // One sign-up each (a user may have only 5 sign-up codes an hour: issue 18).
    for (let i = 0; i < MESSAGES; i += 20) {
      await Promise.all(Array.from({ length: Math.min(20, MESSAGES - i) }, (_, j) =>
        (j % 2 ? ca : cb).send(new SignUpCommand({ ClientId: p.clientId, Username: `many-${i + j}`, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: `many-${i + j}@example.com` }] }))));
    }
    const statuses = () => withAdmin(async (c) =>
      Object.fromEntries((await c.query(`SELECT status, count(*)::int AS n FROM "${schema}".messages WHERE pool_id = $1 GROUP BY status`, [p.id])).rows.map((r) => [r.status, r.n])));
    assert.equal((await statuses()).sent, undefined, 'nothing was sent while the relay was down');

    smtp = await startSmtpPeer({}, smtpPort);
    let counts = await statuses();
    for (let polls = 0; counts.sent !== MESSAGES && polls < 1200; polls++) {
      await new Promise((r) => setTimeout(r, 100));
      counts = await statuses();
    }
    assert.deepEqual(counts, { sent: MESSAGES });
    // Stopping waits for sends in flight: anything sent twice would have arrived by then.
    await Promise.all([a.stop(), b.stop()]);

    const ids = smtp.received.map((raw) => /^X-Cognate-Message-Id: (\S+)/im.exec(raw)?.[1]);
    const stored = await withAdmin(async (c) => (await c.query(`SELECT id FROM "${schema}".messages WHERE pool_id = $1`, [p.id])).rows.map((r) => r.id as string));
    assert.equal(smtp.received.length, MESSAGES, 'received exactly as many as were queued');
    assert.deepEqual([...new Set(ids)].sort(), stored.sort(), 'each queued message once');
    const sentBy = [a, b].map((s) => s.logs.filter((l) => l.includes('"message sent"') && l.includes('"channel":"mail"')).length);
    t.diagnostic(`sent by instance A: ${sentBy[0]}, by instance B: ${sentBy[1]}`);
    assert.equal(sentBy[0] + sentBy[1], MESSAGES);
  });
});
