/**
 * The sign-in triggers, run as module functions: PreAuthentication, PostAuthentication,
 * PreTokenGeneration (V1_0 and V2_0), UserMigration at sign-in, and CUSTOM_AUTH's
 * Define/Create/VerifyAuthChallenge (through the SDK, and through amazon-cognito-identity-js with SRP first).
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { GetTokensFromRefreshTokenCommand, InitiateAuthCommand, RespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { ClientRecord } from '../../src/domain/client.ts';
import type { PoolRecord } from '../../src/domain/pool.ts';
import { claimsOf, createClient, createPool, createTestUser, fnArn, jwtVerifier, rejectsWith, startTestbed, type Testbed } from '../support/testbed.ts';

const require = createRequire(import.meta.url);
const { AuthenticationDetails, CognitoUser, CognitoUserPool } = require('amazon-cognito-identity-js');

const FUNCTIONS = {
  'pre-auth': `export const handler = async (event) => {
    if (event.request.validationData?.deny === 'yes') throw new Error('Sign-in is closed');
    return event;
  };`,
  'post-auth': `export const handler = async (event) => {
    if (event.request.userAttributes.name === 'Grumpy') throw new Error('no entry');
    return event;
  };`,
  'pre-token-v1': `export const handler = async (event) => {
    event.response.claimsOverrideDetails = {
      claimsToAddOrOverride: { tier: 'gold', source: event.triggerSource, status: event.request.userAttributes['cognito:user_status'],
        meta: JSON.stringify(event.request.clientMetadata ?? null), sub: 'not-allowed' },
      claimsToSuppress: ['email'],
      groupOverrideDetails: { groupsToOverride: ['vip'], iamRolesToOverride: [], preferredRole: null },
    };
    return event;
  };`,
  'pre-token-v2': `export const handler = async (event) => {
    event.response.claimsAndScopeOverrideDetails = {
      idTokenGeneration: { claimsToAddOrOverride: { plan: 'pro' } },
      accessTokenGeneration: { claimsToAddOrOverride: { tenant: { id: 7 } }, claimsToSuppress: ['cognito:groups'], scopesToAdd: ['orders/read'] },
    };
    return event;
  };`,
  migrate: `export const handler = async (event) => {
    if (event.userName === 'legacy' && event.request.password === 'Legacy-pass1') {
      event.response.userAttributes = { email: 'legacy@example.com', email_verified: 'true', name: event.request.validationData?.name ?? 'Legacy' };
      event.response.finalUserStatus = 'CONFIRMED';
      event.response.messageAction = 'SUPPRESS';
      return event;
    }
    throw new Error('Bad password');
  };`,
  define: `export const handler = async (event) => {
    const s = event.request.session;
    const last = s[s.length - 1];
    const r = event.response;
    r.issueTokens = false; r.failAuthentication = false;
    if (last?.challengeName === 'SRP_A') r.challengeName = 'PASSWORD_VERIFIER';
    else if (last?.challengeName === 'CUSTOM_CHALLENGE' && last.challengeResult) r.issueTokens = true;
    else if (s.filter((c) => c.challengeName === 'CUSTOM_CHALLENGE').length >= 3) r.failAuthentication = true;
    else r.challengeName = 'CUSTOM_CHALLENGE';
    return event;
  };`,
  create: `export const handler = async (event) => {
    event.response.publicChallengeParameters = { question: 'What is 6 x 7?', round: String(event.request.session.length) };
    event.response.privateChallengeParameters = { answer: '42' };
    event.response.challengeMetadata = 'QUIZ';
    return event;
  };`,
  verify: `export const handler = async (event) => {
    event.response.answerCorrect = event.request.challengeAnswer === event.request.privateChallengeParameters.answer;
    return event;
  };`,
};

describe('sign-in triggers', () => {
  let tb: Testbed;
  before(async () => {
    tb = await startTestbed(FUNCTIONS);
  });
  after(() => tb.close());

  const signIn = (clientId: string, USERNAME: string, PASSWORD: string, ClientMetadata?: Record<string, string>) =>
    tb.cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME, PASSWORD }, ClientMetadata }));

  describe('around password sign-in (V1_0 PreTokenGeneration)', () => {
    let pool: PoolRecord;
    let client: ClientRecord;
    before(async () => {
      pool = await createPool(tb, {
        LambdaConfig: { PreAuthentication: fnArn('pre-auth'), PostAuthentication: fnArn('post-auth'), PreTokenGeneration: fnArn('pre-token-v1'), UserMigration: fnArn('migrate') },
      });
      client = await createClient(tb, pool);
      await createTestUser(tb, pool, { username: 'alice', password: 'Corr3ct-horse', attributes: { email: 'alice@example.com', email_verified: 'true', name: 'Alice' } });
      await createTestUser(tb, pool, { username: 'grumpy', password: 'Corr3ct-horse', attributes: { name: 'Grumpy' } });
    });

    it('PreTokenGeneration adds and suppresses ID token claims and overrides groups; reserved claims stay', async () => {
      const r = (await signIn(client.clientId, 'alice', 'Corr3ct-horse')).AuthenticationResult!;
      const id = await (await jwtVerifier(tb, pool, client.clientId, 'id')).verify(r.IdToken!);
      assert.equal(id.tier, 'gold');
      assert.equal(id.source, 'TokenGeneration_Authentication');
      assert.equal(id.status, 'CONFIRMED');
      assert.equal(id.email, undefined);
      assert.notEqual(id.sub, 'not-allowed');
      assert.deepEqual(id['cognito:groups'], ['vip']);
      assert.deepEqual(claimsOf(r.AccessToken!)['cognito:groups'], ['vip']);
      assert.equal(claimsOf(r.AccessToken!).tier, undefined, 'V1_0 customises the ID token only');
      const refreshed = await tb.cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: client.clientId, RefreshToken: r.RefreshToken!, ClientMetadata: { app: 'web' } }));
      const again = claimsOf(refreshed.AuthenticationResult!.IdToken!);
      assert.equal(again.source, 'TokenGeneration_RefreshTokens');
      assert.equal(again.meta, '{"app":"web"}');
    });

    it('PreAuthentication gets ClientMetadata as validationData and may refuse', async () => {
      await rejectsWith(signIn(client.clientId, 'alice', 'Corr3ct-horse', { deny: 'yes' }), 'UserLambdaValidationException', 'PreAuthentication failed with error Sign-in is closed.');
      assert.ok((await signIn(client.clientId, 'alice', 'Corr3ct-horse', { deny: 'no' })).AuthenticationResult);
    });

    it('PostAuthentication runs after a sign-in and may refuse it', async () => {
      await rejectsWith(signIn(client.clientId, 'grumpy', 'Corr3ct-horse'), 'UserLambdaValidationException', 'PostAuthentication failed with error no entry.');
      const res = await fetch(`${tb.url}/_cognate/triggers?userPoolId=${pool.id}&triggerSource=PostAuthentication_Authentication`);
      const { invocations } = (await res.json()) as { invocations: { outcome: string }[] };
      assert.ok(invocations.some((i) => i.outcome === 'ok'));
      // A wrong password never reaches it.
      const before = invocations.length;
      await rejectsWith(signIn(client.clientId, 'alice', 'Wrong-horse1'), 'NotAuthorizedException', 'Incorrect username or password.');
      const after = (await (await fetch(`${tb.url}/_cognate/triggers?userPoolId=${pool.id}&triggerSource=PostAuthentication_Authentication`)).json()) as { invocations: unknown[] };
      assert.equal(after.invocations.length, before);
    });

    it('UserMigration creates an unknown user who signs in with the old password', async () => {
      await rejectsWith(signIn(client.clientId, 'legacy', 'Wrong-pass1'), 'UserNotFoundException', `Exception migrating user in app client ${client.clientId}`);
      const r = (await signIn(client.clientId, 'legacy', 'Legacy-pass1', { name: 'Old Timer' })).AuthenticationResult!;
      assert.equal(claimsOf(r.IdToken!)['cognito:username'], 'legacy');
      const stored = (await tb.app.store.users.getByUsername(pool.id, 'legacy'))!;
      assert.equal(stored.status, 'CONFIRMED');
      assert.equal(stored.attributes.name, 'Old Timer');
      // From now on the pool knows the user: the password is checked here, not by the function.
      await rejectsWith(signIn(client.clientId, 'legacy', 'Wrong-pass1'), 'NotAuthorizedException', 'Incorrect username or password.');
      assert.ok((await signIn(client.clientId, 'legacy', 'Legacy-pass1')).AuthenticationResult);
    });
  });

  it('V2_0 PreTokenGeneration customises the access token: claims, suppression and scopes', async () => {
    const pool = await createPool(tb, { LambdaConfig: { PreTokenGenerationConfig: { LambdaArn: fnArn('pre-token-v2'), LambdaVersion: 'V2_0' } } });
    const client = await createClient(tb, pool);
    const user = await createTestUser(tb, pool, { username: 'alice', password: 'Corr3ct-horse' });
    await tb.app.store.groups.create({ poolId: pool.id, name: 'staff', description: null, roleArn: null, precedence: null, createdAt: 0, lastModifiedAt: 0 });
    await tb.app.store.groups.addMember(pool.id, 'staff', user.sub);
    const r = (await signIn(client.clientId, 'alice', 'Corr3ct-horse')).AuthenticationResult!;
    const access = await (await jwtVerifier(tb, pool, client.clientId, 'access')).verify(r.AccessToken!);
    assert.deepEqual(access.tenant, { id: 7 });
    assert.equal(access.scope, 'aws.cognito.signin.user.admin orders/read');
    assert.equal(access['cognito:groups'], undefined);
    const id = claimsOf(r.IdToken!);
    assert.equal(id.plan, 'pro');
    assert.deepEqual(id['cognito:groups'], ['staff']);
  });

  describe('CUSTOM_AUTH', () => {
    let pool: PoolRecord;
    let client: ClientRecord;
    before(async () => {
      pool = await createPool(tb, { LambdaConfig: { DefineAuthChallenge: fnArn('define'), CreateAuthChallenge: fnArn('create'), VerifyAuthChallengeResponse: fnArn('verify') } });
      client = await createClient(tb, pool);
      await createTestUser(tb, pool, { username: 'alice', password: 'Corr3ct-horse' });
    });

    const start = () => tb.cognito.send(new InitiateAuthCommand({ AuthFlow: 'CUSTOM_AUTH', ClientId: client.clientId, AuthParameters: { USERNAME: 'alice' } }));
    const answer = (Session: string, ANSWER: string) =>
      tb.cognito.send(new RespondToAuthChallengeCommand({ ClientId: client.clientId, ChallengeName: 'CUSTOM_CHALLENGE', Session, ChallengeResponses: { USERNAME: 'alice', ANSWER } }));

    it('runs Define → Create → Verify → Define until tokens', async () => {
      const first = await start();
      assert.equal(first.ChallengeName, 'CUSTOM_CHALLENGE');
      assert.deepEqual(first.ChallengeParameters, { question: 'What is 6 x 7?', round: '0', USERNAME: 'alice' });
      const second = await answer(first.Session!, '41');
      assert.equal(second.ChallengeName, 'CUSTOM_CHALLENGE', 'a wrong answer gets another challenge');
      assert.equal(second.ChallengeParameters!.round, '1');
      const done = await answer(second.Session!, '42');
      assert.ok(done.AuthenticationResult?.AccessToken);
      await rejectsWith(answer(second.Session!, '42'), 'NotAuthorizedException', 'Invalid session for the user, session is expired.');
    });

    it('fails when Define says so', async () => {
      let s = (await start()).Session!;
      for (let i = 0; i < 2; i++) s = (await answer(s, 'no')).Session!;
      await rejectsWith(answer(s, 'no'), 'NotAuthorizedException', 'Incorrect username or password.');
    });

    it('works with amazon-cognito-identity-js, SRP first (CUSTOM_AUTH with a password)', async () => {
      const userPool = new CognitoUserPool({ UserPoolId: pool.id, ClientId: client.clientId, endpoint: tb.url });
      const alice = new CognitoUser({ Username: 'alice', Pool: userPool });
      alice.setAuthenticationFlowType('CUSTOM_AUTH');
      const params = await new Promise<Record<string, string>>((resolve, reject) =>
        alice.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: 'Corr3ct-horse' }), {
          customChallenge: resolve, onFailure: reject, onSuccess: () => reject(new Error('a challenge was expected')),
        }),
      );
      assert.equal(params.question, 'What is 6 x 7?');
      const session = await new Promise<{ getAccessToken(): { getJwtToken(): string } }>((resolve, reject) =>
        alice.sendCustomChallengeAnswer('42', { onSuccess: resolve, onFailure: reject, customChallenge: () => reject(new Error('wrong answer?')) }),
      );
      assert.equal(claimsOf(session.getAccessToken().getJwtToken()).username, 'alice');
    });
  });
});
