/**
 * amazon-cognito-identity-js (the client under Amplify) against Cognate, unchanged but for its
 * endpoint: SRP sign-in (its default), USER_PASSWORD_AUTH, a NEW_PASSWORD_REQUIRED round and a
 * refresh; the tokens verify with aws-jwt-verify against Cognate's JWKS.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import type { ClientRecord } from '../../src/domain/client.ts';
import type { PoolRecord } from '../../src/domain/pool.ts';
import { createClient, createPool, createTestUser, jwtVerifier, startTestbed, type Testbed } from '../support/testbed.ts';

// CommonJS, loaded as applications load it.
const require = createRequire(import.meta.url);
const { AuthenticationDetails, CognitoUser, CognitoUserPool } = require('amazon-cognito-identity-js');

interface Session {
  getAccessToken(): { getJwtToken(): string; payload: Record<string, unknown> };
  getIdToken(): { getJwtToken(): string; payload: Record<string, unknown> };
  getRefreshToken(): { getToken(): string };
  isValid(): boolean;
}

type Outcome = { kind: 'success'; session: Session } | { kind: 'newPasswordRequired'; userAttributes: Record<string, string>; requiredAttributes: string[] } | { kind: 'failure'; error: Error & { code?: string } };

/** CognitoUser.authenticateUser as a promise of whichever callback it calls. */
function authenticate(user: any, username: string, password: string): Promise<Outcome> {
  return new Promise((resolve) => {
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
      onSuccess: (session: Session) => resolve({ kind: 'success', session }),
      onFailure: (error: Error) => resolve({ kind: 'failure', error }),
      newPasswordRequired: (userAttributes: Record<string, string>, requiredAttributes: string[]) => resolve({ kind: 'newPasswordRequired', userAttributes, requiredAttributes }),
    });
  });
}

describe('amazon-cognito-identity-js against Cognate', () => {
  let tb: Testbed;
  let pool: PoolRecord;
  let client: ClientRecord;
  let userPool: any;

  before(async () => {
    tb = await startTestbed();
    pool = await createPool(tb, {
      Schema: [{ Name: 'name', AttributeDataType: 'String', Required: true, Mutable: true }],
    });
    client = await createClient(tb, pool, { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    await createTestUser(tb, pool, { username: 'alice', password: 'Corr3ct-horse', attributes: { name: 'Alice', email: 'alice@example.com', email_verified: 'true' } });
    userPool = new CognitoUserPool({ UserPoolId: pool.id, ClientId: client.clientId, endpoint: tb.url });
  });
  after(() => tb.close());

  const user = (username: string) => new CognitoUser({ Username: username, Pool: userPool });

  it('signs in through SRP (authenticateUser, the default flow), and the tokens verify', async () => {
    const outcome = await authenticate(user('alice'), 'alice', 'Corr3ct-horse');
    assert.equal(outcome.kind, 'success', outcome.kind === 'failure' ? outcome.error.message : '');
    const session = (outcome as { session: Session }).session;
    assert.equal(session.isValid(), true);
    const access = await (await jwtVerifier(tb, pool, client.clientId, 'access')).verify(session.getAccessToken().getJwtToken());
    assert.equal(access.username, 'alice');
    const id = await (await jwtVerifier(tb, pool, client.clientId, 'id')).verify(session.getIdToken().getJwtToken());
    assert.equal(id.name, 'Alice');
  });

  it('refuses a wrong password through SRP with Cognito\'s error', async () => {
    const outcome = await authenticate(user('alice'), 'alice', 'Wrong-horse1');
    assert.equal(outcome.kind, 'failure');
    const { error } = outcome as { error: Error & { code?: string } };
    assert.equal(error.code, 'NotAuthorizedException');
    assert.equal(error.message, 'Incorrect username or password.');
  });

  it('signs in with USER_PASSWORD_AUTH, then refreshes the session', async () => {
    const alice = user('alice');
    alice.setAuthenticationFlowType('USER_PASSWORD_AUTH');
    const outcome = await authenticate(alice, 'alice', 'Corr3ct-horse');
    assert.equal(outcome.kind, 'success');
    const first = (outcome as { session: Session }).session;
    const refreshed = await new Promise<Session>((resolve, reject) => alice.refreshSession(first.getRefreshToken(), (err: Error | null, s: Session) => (err ? reject(err) : resolve(s))));
    assert.notEqual(refreshed.getAccessToken().getJwtToken(), first.getAccessToken().getJwtToken());
    assert.equal(refreshed.getAccessToken().payload.origin_jti, first.getAccessToken().payload.origin_jti);
    assert.equal(refreshed.getRefreshToken().getToken(), first.getRefreshToken().getToken(), 'no rotation: the same refresh token');
    await (await jwtVerifier(tb, pool, client.clientId, 'access')).verify(refreshed.getAccessToken().getJwtToken());
  });

  it('completes a NEW_PASSWORD_REQUIRED round, setting a required attribute', async () => {
    await createTestUser(tb, pool, { username: 'bob', password: 'Temp-pass1', temporary: true, attributes: { email: 'bob@example.com', email_verified: 'true' } });
    const bob = user('bob');
    const outcome = await authenticate(bob, 'bob', 'Temp-pass1');
    assert.equal(outcome.kind, 'newPasswordRequired');
    const { userAttributes, requiredAttributes } = outcome as { userAttributes: Record<string, string>; requiredAttributes: string[] };
    assert.deepEqual(requiredAttributes, ['name']);
    assert.equal(userAttributes.email, 'bob@example.com');
    assert.equal(userAttributes.sub, undefined);
    const session = await new Promise<Session>((resolve, reject) =>
      bob.completeNewPasswordChallenge('N3w-password!', { name: 'Bob' }, { onSuccess: resolve, onFailure: reject }),
    );
    const id = await (await jwtVerifier(tb, pool, client.clientId, 'id')).verify(session.getIdToken().getJwtToken());
    assert.equal(id.name, 'Bob');
    const stored = (await tb.app.store.users.getByUsername(pool.id, 'bob'))!;
    assert.equal(stored.status, 'CONFIRMED');
    // The new password now signs in through SRP.
    const again = await authenticate(user('bob'), 'bob', 'N3w-password!');
    assert.equal(again.kind, 'success');
  });
});
