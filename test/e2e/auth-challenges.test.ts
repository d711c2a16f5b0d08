/**
 * Challenges through the AWS SDK: USER_SRP_AUTH → PASSWORD_VERIFIER (the client's side computed by
 * amazon-cognito-identity-js's AuthenticationHelper), NEW_PASSWORD_REQUIRED with its Session
 * (single use, expiring), and the Admin* forms.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  type InitiateAuthCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import type { ClientRecord } from '../../src/domain/client.ts';
import type { PoolRecord } from '../../src/domain/pool.ts';
import { srpClient, srpTimestamp } from '../support/srp-client.ts';
import { claimsOf, createClient, createPool, createTestUser, rejectsWith, startTestbed, type Testbed } from '../support/testbed.ts';

describe('challenges', () => {
  let tb: Testbed;
  let pool: PoolRecord;
  let client: ClientRecord;

  before(async () => {
    tb = await startTestbed();
    pool = await createPool(tb, { UsernameAttributes: ['email'], Schema: [{ Name: 'name', AttributeDataType: 'String', Required: true, Mutable: true }] });
    client = await createClient(tb, pool);
    await createTestUser(tb, pool, { username: '0b1c2d3e-0000-4000-8000-00000000a11c', password: 'Corr3ct-horse', attributes: { email: 'alice@example.com', email_verified: 'true', name: 'Alice' } });
  });
  after(() => tb.close());

  const initiate = (AuthFlow: 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH', AuthParameters: Record<string, string>, clientId = client.clientId) =>
    tb.cognito.send(new InitiateAuthCommand({ AuthFlow, ClientId: clientId, AuthParameters }));
  const respond = (ChallengeName: 'PASSWORD_VERIFIER' | 'NEW_PASSWORD_REQUIRED', ChallengeResponses: Record<string, string>, Session?: string) =>
    tb.cognito.send(new RespondToAuthChallengeCommand({ ClientId: client.clientId, ChallengeName, ChallengeResponses, Session }));

  it('USER_SRP_AUTH answers PASSWORD_VERIFIER; the right proof gets tokens', async () => {
    const srp = srpClient(pool.id);
    const out = await initiate('USER_SRP_AUTH', { USERNAME: 'alice@example.com', SRP_A: srp.A });
    assert.equal(out.ChallengeName, 'PASSWORD_VERIFIER');
    const p = out.ChallengeParameters!;
    assert.deepEqual(Object.keys(p).sort(), ['SALT', 'SECRET_BLOCK', 'SRP_B', 'USERNAME', 'USER_ID_FOR_SRP']);
    // Pools that sign in with an email keep the user under its sub; SRP uses that name.
    assert.equal(p.USER_ID_FOR_SRP, '0b1c2d3e-0000-4000-8000-00000000a11c');
    const done = await respond('PASSWORD_VERIFIER', srp.answer(p, 'Corr3ct-horse'));
    assert.deepEqual(done.ChallengeParameters, {});
    assert.equal(claimsOf(done.AuthenticationResult!.IdToken!).email, 'alice@example.com');
  });

  it('refuses a wrong proof, a reused SECRET_BLOCK and a stale TIMESTAMP', async () => {
    const srp = srpClient(pool.id);
    const p = (await initiate('USER_SRP_AUTH', { USERNAME: 'alice@example.com', SRP_A: srp.A })).ChallengeParameters!;
    await rejectsWith(respond('PASSWORD_VERIFIER', srp.answer(p, 'Wrong-horse1')), 'NotAuthorizedException', 'Incorrect username or password.');
    await rejectsWith(respond('PASSWORD_VERIFIER', srp.answer(p, 'Corr3ct-horse')), 'NotAuthorizedException', 'Invalid session for the user, session is expired.');
    const srp2 = srpClient(pool.id);
    const p2 = (await initiate('USER_SRP_AUTH', { USERNAME: 'alice@example.com', SRP_A: srp2.A })).ChallengeParameters!;
    await rejectsWith(respond('PASSWORD_VERIFIER', srp2.answer(p2, 'Corr3ct-horse', 'Mon Jan 5 10:00:00 UTC 2015')), 'NotAuthorizedException', 'Incorrect username or password.');
    await rejectsWith(initiate('USER_SRP_AUTH', { USERNAME: 'alice@example.com' }), 'InvalidParameterException', 'Missing required parameter SRP_A');
  });

  it('hides unknown users behind a decoy challenge when the client prevents user-existence errors', async () => {
    await rejectsWith(initiate('USER_SRP_AUTH', { USERNAME: 'nobody@example.com', SRP_A: srpClient(pool.id).A }), 'UserNotFoundException', 'User does not exist.');
    const hiding = await createClient(tb, pool, { PreventUserExistenceErrors: 'ENABLED' });
    const srp = srpClient(pool.id);
    const out = await initiate('USER_SRP_AUTH', { USERNAME: 'nobody@example.com', SRP_A: srp.A }, hiding.clientId);
    assert.equal(out.ChallengeName, 'PASSWORD_VERIFIER');
    // As stable as a real user's: the same salt and a sub-shaped USER_ID_FOR_SRP each time.
    const again = await initiate('USER_SRP_AUTH', { USERNAME: 'nobody@example.com', SRP_A: srpClient(pool.id).A }, hiding.clientId);
    assert.equal(again.ChallengeParameters!.SALT, out.ChallengeParameters!.SALT);
    assert.equal(again.ChallengeParameters!.USER_ID_FOR_SRP, out.ChallengeParameters!.USER_ID_FOR_SRP);
    assert.match(out.ChallengeParameters!.USER_ID_FOR_SRP, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const answer = srp.answer(out.ChallengeParameters!, 'Whatever-1');
    await rejectsWith(
      tb.cognito.send(new RespondToAuthChallengeCommand({ ClientId: hiding.clientId, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: answer })),
      'NotAuthorizedException', 'Incorrect username or password.',
    );
  });

  // Issue 18, finding 5: wrong SRP proofs sent at once are counted one by one (the clock frozen, so
  // the fifth failure's lockout lasts the whole burst).
  it('holds the lockout against 40 parallel wrong PASSWORD_VERIFIER proofs: at most 6 are checked', async (t) => {
    await createTestUser(tb, pool, { username: '0b1c2d3e-0000-4000-8000-0000000ace40', password: 'Corr3ct-horse', attributes: { email: 'racer@example.com', email_verified: 'true', name: 'Racer' } });
    tb.clock.frozenAt = Date.now();
    try {
      // A wrong proof need not be worked out: any 32-byte signature is one.
      const srp = srpClient(pool.id);
      const proofs = await Promise.all(Array.from({ length: 40 }, async () => {
        const p = (await initiate('USER_SRP_AUTH', { USERNAME: 'racer@example.com', SRP_A: srp.A })).ChallengeParameters!;
        return {
          USERNAME: p.USER_ID_FOR_SRP, PASSWORD_CLAIM_SECRET_BLOCK: p.SECRET_BLOCK, TIMESTAMP: srpTimestamp(),
          PASSWORD_CLAIM_SIGNATURE: randomBytes(32).toString('base64'),
        };
      }));
      const answers = await Promise.allSettled(proofs.map((r) => respond('PASSWORD_VERIFIER', r)));
      const messages = answers.map((a) => (a.status === 'rejected' ? `${(a.reason as Error).name}: ${(a.reason as Error).message}` : 'signed in'));
      const checked = messages.filter((m) => m === 'NotAuthorizedException: Incorrect username or password.').length;
      const refused = messages.filter((m) => m === 'NotAuthorizedException: Password attempts exceeded').length;
      t.diagnostic(`PASSWORD_VERIFIER: 40 parallel wrong proofs, ${checked} checked, ${refused} refused as locked out`);
      assert.equal(checked + refused, 40, messages.join('\n'));
      assert.ok(checked <= 6, `${checked} proofs were checked`);
      await rejectsWith(initiate('USER_SRP_AUTH', { USERNAME: 'racer@example.com', SRP_A: srpClient(pool.id).A }), 'NotAuthorizedException', 'Password attempts exceeded');
    } finally {
      tb.clock.frozenAt = undefined;
    }
  });

  describe('NEW_PASSWORD_REQUIRED', () => {
    let n = 0;
    const invite = async () => {
      const email = `invitee${++n}@example.com`;
      await createTestUser(tb, pool, { username: `0b1c2d3e-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`, password: 'Temp-pass1', temporary: true, attributes: { email, email_verified: 'true' } });
      const out: InitiateAuthCommandOutput = await initiate('USER_PASSWORD_AUTH', { USERNAME: email, PASSWORD: 'Temp-pass1' });
      return { email, out };
    };

    it('asks for a new password and the missing required attributes', async () => {
      const { email, out } = await invite();
      assert.equal(out.ChallengeName, 'NEW_PASSWORD_REQUIRED');
      assert.ok(out.Session && out.Session.length >= 20);
      const p = out.ChallengeParameters!;
      assert.deepEqual(JSON.parse(p.requiredAttributes), ['userAttributes.name']);
      assert.deepEqual(JSON.parse(p.userAttributes), { email, email_verified: 'true' });
      const done = await respond('NEW_PASSWORD_REQUIRED', { USERNAME: email, NEW_PASSWORD: 'N3w-password!', 'userAttributes.name': 'Ivy' }, out.Session);
      assert.equal(claimsOf(done.AuthenticationResult!.IdToken!).name, 'Ivy');
      // The session is used up; the new password signs in.
      await rejectsWith(respond('NEW_PASSWORD_REQUIRED', { USERNAME: email, NEW_PASSWORD: 'N3w-password!', 'userAttributes.name': 'Ivy' }, out.Session), 'NotAuthorizedException', 'Invalid session for the user, session is expired.');
      assert.ok((await initiate('USER_PASSWORD_AUTH', { USERNAME: email, PASSWORD: 'N3w-password!' })).AuthenticationResult);
    });

    it('lets a refused answer be corrected within the same session', async () => {
      const { email, out } = await invite();
      await rejectsWith(respond('NEW_PASSWORD_REQUIRED', { USERNAME: email, NEW_PASSWORD: 'N3w-password!' }, out.Session), 'InvalidParameterException', 'Invalid attributes given, name is missing');
      await rejectsWith(respond('NEW_PASSWORD_REQUIRED', { USERNAME: email, NEW_PASSWORD: 'short', 'userAttributes.name': 'Ivy' }, out.Session), 'InvalidPasswordException', /^Password did not conform with policy/);
      await rejectsWith(respond('NEW_PASSWORD_REQUIRED', { USERNAME: email, NEW_PASSWORD: 'N3w-password!', 'userAttributes.name': 'Ivy' }), 'InvalidParameterException', 'Missing required parameter Session');
      assert.ok((await respond('NEW_PASSWORD_REQUIRED', { USERNAME: email, NEW_PASSWORD: 'N3w-password!', 'userAttributes.name': 'Ivy' }, out.Session)).AuthenticationResult);
    });

    it('expires the session after 3 minutes', async () => {
      const { email, out } = await invite();
      tb.clock.offset = 3 * 60_000 + 1000;
      try {
        await rejectsWith(respond('NEW_PASSWORD_REQUIRED', { USERNAME: email, NEW_PASSWORD: 'N3w-password!', 'userAttributes.name': 'Ivy' }, out.Session), 'NotAuthorizedException', 'Invalid session for the user, session is expired.');
      } finally {
        tb.clock.offset = 0;
      }
    });

    it('works through AdminInitiateAuth and AdminRespondToAuthChallenge', async () => {
      const email = 'admin-invitee@example.com';
      await createTestUser(tb, pool, { username: '0b1c2d3e-0000-4000-8000-00000000ad01', password: 'Temp-pass1', temporary: true, attributes: { email, email_verified: 'true', name: 'Ann' } });
      const out = await tb.cognito.send(new AdminInitiateAuthCommand({ UserPoolId: pool.id, ClientId: client.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: 'Temp-pass1' } }));
      assert.equal(out.ChallengeName, 'NEW_PASSWORD_REQUIRED');
      assert.deepEqual(JSON.parse(out.ChallengeParameters!.requiredAttributes), []);
      const done = await tb.cognito.send(new AdminRespondToAuthChallengeCommand({
        UserPoolId: pool.id, ClientId: client.clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: out.Session,
        ChallengeResponses: { USERNAME: email, NEW_PASSWORD: 'N3w-password!' },
      }));
      assert.ok(done.AuthenticationResult?.RefreshToken);
      // Another client cannot use this client's session.
      const other = await createClient(tb, pool);
      const again = await tb.cognito.send(new AdminInitiateAuthCommand({ UserPoolId: pool.id, ClientId: client.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: 'N3w-password!' } }));
      assert.ok(again.AuthenticationResult);
      const { out: pending, email: e2 } = await invite();
      await rejectsWith(
        tb.cognito.send(new RespondToAuthChallengeCommand({ ClientId: other.clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: pending.Session, ChallengeResponses: { USERNAME: e2, NEW_PASSWORD: 'N3w-password!', 'userAttributes.name': 'X' } })),
        'NotAuthorizedException', 'Invalid session for the user, session is expired.',
      );
    });
  });
});
