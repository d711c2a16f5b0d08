/** The real amazon-cognito-identity-js client signing in with SRP against a fake server built on srp.ts. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { createVerifier, openState, sealState, startServerChallenge, verifyClaim } from './srp.ts';

// The real client (CommonJS, and not all of it is in its typings).
const require = createRequire(import.meta.url);
const cognito = require('amazon-cognito-identity-js');

const POOL_ID = 'us-east-1_AbC123';

test('amazon-cognito-identity-js CognitoUser.authenticateUser signs in against a fake server', async () => {
  const { AuthenticationDetails, CognitoUser, CognitoUserPool } = cognito;
  const stateKey = randomBytes(32);
  const sub = '6b1c1f5e-3a8d-4d2f-9a51-0f6c2e8f1a77'; // email-as-username pool: internal name = sub
  const users = new Map([['zoë@example.com', { sub, ...createVerifier(POOL_ID, sub, 'Corr3ct horse!') }]]);
  const jwt = (payload: object) => {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const iat = Math.floor(Date.now() / 1000);
    return `${part({ alg: 'none' })}.${part({ iat, exp: iat + 3600, ...payload })}.sig`;
  };
  const handle = (op: string, params: any): any => {
    if (op === 'InitiateAuth') {
      assert.equal(params.AuthFlow, 'USER_SRP_AUTH');
      const user = users.get(params.AuthParameters.USERNAME);
      if (!user) throw { code: 'UserNotFoundException', name: 'UserNotFoundException', message: 'User does not exist.' };
      const ch = startServerChallenge(user.verifier);
      const SECRET_BLOCK = sealState(stateKey, { email: params.AuthParameters.USERNAME, A: params.AuthParameters.SRP_A, ...ch });
      return {
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeParameters: { SALT: user.salt, SECRET_BLOCK, SRP_B: ch.B, USERNAME: user.sub, USER_ID_FOR_SRP: user.sub },
      };
    }
    assert.equal(op, 'RespondToAuthChallenge');
    assert.equal(params.ChallengeName, 'PASSWORD_VERIFIER');
    const r = params.ChallengeResponses;
    const state = openState<{ email: string; A: string; b: string; B: string }>(stateKey, r.PASSWORD_CLAIM_SECRET_BLOCK);
    const user = state && users.get(state.email);
    const result = user && r.USERNAME === user.sub
      ? verifyClaim({ poolId: POOL_ID, userIdForSrp: user.sub, salt: user.salt, verifier: user.verifier, ...state,
        secretBlock: r.PASSWORD_CLAIM_SECRET_BLOCK, timestamp: r.TIMESTAMP, signature: r.PASSWORD_CLAIM_SIGNATURE, now: new Date() })
      : undefined;
    if (!result?.ok) throw { code: 'NotAuthorizedException', name: 'NotAuthorizedException', message: 'Incorrect username or password.' };
    return {
      ChallengeParameters: {},
      AuthenticationResult: {
        AccessToken: jwt({ sub, token_use: 'access', username: sub }),
        IdToken: jwt({ sub, token_use: 'id', 'cognito:username': sub, email: 'zoë@example.com' }),
        RefreshToken: 'opaque-refresh-token', ExpiresIn: 3600, TokenType: 'Bearer',
      },
    };
  };
  const signIn = (password: string) => new Promise<{ user: any; session?: any; error?: any }>((resolve) => {
    const pool = new CognitoUserPool({ UserPoolId: POOL_ID, ClientId: 'fakeclient123' });
    pool.client.request = (op: string, params: any, cb: (err: unknown, data?: unknown) => void) => {
      setImmediate(() => { try { cb(null, handle(op, params)); } catch (e) { cb(e); } });
    };
    const user = new CognitoUser({ Username: 'zoë@example.com', Pool: pool });
    user.authenticateUser(new AuthenticationDetails({ Username: 'zoë@example.com', Password: password }), {
      onSuccess: (session: any) => resolve({ user, session }),
      onFailure: (error: any) => resolve({ user, error }),
    });
  });

  const good = await signIn('Corr3ct horse!');
  assert.equal(good.error, undefined);
  assert.ok(good.session.isValid());
  assert.equal(good.session.getIdToken().payload.email, 'zoë@example.com');
  assert.equal(good.user.getUsername(), sub, 'the client adopted USER_ID_FOR_SRP');

  const bad = await signIn('wrong horse');
  assert.equal(bad.error?.code, 'NotAuthorizedException');
});
