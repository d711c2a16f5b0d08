/**
 * Issue 18, finding 1: a code could be guessed at without end, each code burning after 5 wrong
 * answers but a new one to be had for the asking (8 ForgotPassword calls in a row: all answered),
 * and an extra UserPoolId member in each request moved it to a fresh bucket. Now: at most 5 answers
 * checked per code, at most 5 codes of each kind per user in any hour, so at most 25 guesses an hour
 * at a user's reset, sign-up or verification codes, whatever members the requests carry.
 *
 * AWS answers a code asked for too often, and a code after too many wrong answers, with
 * LimitExceededException "Attempt limit exceeded, please try after some time." (the API reference's
 * LimitExceededException for ForgotPassword, ResendConfirmationCode, GetUserAttributeVerificationCode
 * and VerifyUserAttribute; the message as reported from real pools, e.g. aws-amplify/amplify-js#1462).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ClientRecord } from '../../src/domain/client.ts';
import type { PoolRecord } from '../../src/domain/pool.ts';
import { createClient, createPool, createTestUser, startTestbed, type Testbed } from '../support/testbed.ts';

interface Answer { status: number; type?: string; message?: string; body: Record<string, unknown> }

describe('guessing codes (issue 18)', () => {
  let tb: Testbed;
  let pool: PoolRecord;
  let client: ClientRecord;

  before(async () => {
    tb = await startTestbed();
    pool = await createPool(tb, { AutoVerifiedAttributes: ['email'] });
    client = await createClient(tb, pool);
  });
  after(() => tb.close());

  /** A raw awsJson1.1 call, so that requests can carry members no SDK would send. */
  async function call(operation: string, body: Record<string, unknown>): Promise<Answer> {
    const res = await fetch(tb.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    return { status: res.status, type: json.__type as string | undefined, message: json.message as string | undefined, body: json };
  }

  const lastCode = async (username: string): Promise<string> => {
    const res = await fetch(`${tb.url}/_cognate/messages?userPoolId=${pool.id}&username=${username}`);
    return ((await res.json()) as { messages: { code: string }[] }).messages[0].code;
  };
  const wrong = (code: string, i: number) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0');
  /** Each request with a made-up UserPoolId of its own, as the attack did to land in a fresh bucket. */
  const extra = (on: boolean) => (on ? { UserPoolId: `us-east-1_${Math.random().toString(36).slice(2, 11)}` } : {});

  /**
   * Asks for codes until refused, answering each wrong until refused, then the right code; returns
   * the codes had, the wrong answers checked (CodeMismatchException) and how the right one fared.
   */
  async function attack(o: {
    username: string;
    ask: () => Promise<Answer>;
    answer: (code: string) => Promise<Answer>;
  }): Promise<{ codes: number; checked: number; rightAfterBurn: Answer[] }> {
    let codes = 0;
    let checked = 0;
    const rightAfterBurn: Answer[] = [];
    for (let round = 0; round < 10; round++) {
      const asked = await o.ask();
      if (asked.status !== 200) {
        assert.equal(asked.type, 'LimitExceededException', JSON.stringify(asked.body));
        assert.equal(asked.message, 'Attempt limit exceeded, please try after some time.');
        break;
      }
      codes++;
      const code = await lastCode(o.username);
      for (let i = 0; i < 10; i++) {
        const a = await o.answer(wrong(code, i));
        if (a.type === 'CodeMismatchException') checked++;
        else {
          assert.equal(a.type, 'LimitExceededException', JSON.stringify(a.body));
          break;
        }
      }
      rightAfterBurn.push(await o.answer(code));
    }
    return { codes, checked, rightAfterBurn };
  }

  for (const withExtra of [false, true]) {
    const label = withExtra ? 'with a made-up UserPoolId in each request' : 'as the SDK sends them';

    it(`ConfirmForgotPassword: at most 5 guesses per code and 25 an hour, ${label}`, async () => {
      const username = `reset-${withExtra}`;
      await createTestUser(tb, pool, { username, password: 'Passw0rd!', attributes: { email: `${username}@example.com`, email_verified: 'true' } });
      const r = await attack({
        username,
        ask: () => call('ForgotPassword', { ClientId: client.clientId, Username: username, ...extra(withExtra) }),
        answer: (code) => call('ConfirmForgotPassword', { ClientId: client.clientId, Username: username, ConfirmationCode: code, Password: 'N3w-passw0rd!', ...extra(withExtra) }),
      });
      assert.equal(r.codes, 5, 'five reset codes in the hour, then LimitExceededException');
      assert.equal(r.checked, 25);
      for (const a of r.rightAfterBurn) assert.notEqual(a.status, 200, 'a burnt code is refused even when right');
    });

    it(`ConfirmSignUp: at most 5 guesses per code and 25 an hour (the SignUp code counts), ${label}`, async () => {
      const username = `signup-${withExtra}`;
      const signed = await call('SignUp', { ClientId: client.clientId, Username: username, Password: 'Passw0rd!', UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }], ...extra(withExtra) });
      assert.equal(signed.status, 200, JSON.stringify(signed.body));
      let first = true;
      const r = await attack({
        username,
        // The first code is SignUp's own; each later one is asked for again.
        ask: async () => (first ? ((first = false), signed) : call('ResendConfirmationCode', { ClientId: client.clientId, Username: username, ...extra(withExtra) })),
        answer: (code) => call('ConfirmSignUp', { ClientId: client.clientId, Username: username, ConfirmationCode: code, ...extra(withExtra) }),
      });
      assert.equal(r.codes, 5);
      assert.equal(r.checked, 25);
      for (const a of r.rightAfterBurn) assert.notEqual(a.status, 200);
    });

    it(`VerifyUserAttribute: at most 5 guesses per code, and its own 15 an hour, ${label}`, async () => {
      const username = `verify-${withExtra}`;
      await createTestUser(tb, pool, { username, password: 'Passw0rd!', attributes: { email: `${username}@example.com`, email_verified: 'false' } });
      const signIn = await call('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: client.clientId, AuthParameters: { USERNAME: username, PASSWORD: 'Passw0rd!' } });
      const AccessToken = (signIn.body.AuthenticationResult as { AccessToken: string }).AccessToken;
      const r = await attack({
        username,
        ask: () => call('GetUserAttributeVerificationCode', { AccessToken, AttributeName: 'email', ...extra(withExtra) }),
        answer: (code) => call('VerifyUserAttribute', { AccessToken, AttributeName: 'email', Code: code, ...extra(withExtra) }),
      });
      assert.ok(r.checked <= 15, `${r.checked} guesses checked`);
      assert.ok(r.codes <= 5);
    });
  }

  it('counts a code toward the hour whichever operation sends it (UpdateUserAttributes sends verification codes too)', async () => {
    const username = 'updater';
    await createTestUser(tb, pool, { username, password: 'Passw0rd!', attributes: { email: 'updater@example.com', email_verified: 'true' } });
    const signIn = await call('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: client.clientId, AuthParameters: { USERNAME: username, PASSWORD: 'Passw0rd!' } });
    const AccessToken = (signIn.body.AuthenticationResult as { AccessToken: string }).AccessToken;
    const statuses: string[] = [];
    for (let i = 0; i < 7; i++) {
      const a = await call('UpdateUserAttributes', { AccessToken, UserAttributes: [{ Name: 'email', Value: `updater+${i}@example.com` }] });
      statuses.push(a.status === 200 ? 'sent' : a.type!);
    }
    assert.deepEqual(statuses, ['sent', 'sent', 'sent', 'sent', 'sent', 'LimitExceededException', 'LimitExceededException']);
  });

  it('holds the hourly limit for a name no user holds as for a user, where the client hides which exist', async () => {
    const hiding = await createClient(tb, pool, { PreventUserExistenceErrors: 'ENABLED' });
    await createTestUser(tb, pool, { username: 'known', password: 'Passw0rd!', attributes: { email: 'known@example.com', email_verified: 'true' } });
    const answers = async (Username: string, operation: string) => {
      const out: string[] = [];
      for (let i = 0; i < 6; i++) {
        const a = await call(operation, { ClientId: hiding.clientId, Username });
        out.push(a.status === 200 ? 'sent' : a.type!);
      }
      return out;
    };
    const expected = ['sent', 'sent', 'sent', 'sent', 'sent', 'LimitExceededException'];
    assert.deepEqual(await answers('known', 'ForgotPassword'), expected);
    assert.deepEqual(await answers('nobody-at-all', 'ForgotPassword'), expected);
    assert.deepEqual(await answers('nobody-else', 'ResendConfirmationCode'), expected);
  });

  it('lets a user have codes again once the hour has passed', async () => {
    const username = 'patient';
    await createTestUser(tb, pool, { username, password: 'Passw0rd!', attributes: { email: 'patient@example.com', email_verified: 'true' } });
    const ask = () => call('ForgotPassword', { ClientId: client.clientId, Username: username });
    for (let i = 0; i < 5; i++) assert.equal((await ask()).status, 200);
    assert.equal((await ask()).type, 'LimitExceededException');
    tb.clock.offset += 3_600_000 + 1000;
    try {
      assert.equal((await ask()).status, 200);
    } finally {
      tb.clock.offset -= 3_600_000 + 1000;
    }
  });
});
