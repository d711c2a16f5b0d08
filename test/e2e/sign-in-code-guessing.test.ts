/**
 * Sign-in codes against guessing (the review of issue 20): anyone who knows a username can ask for
 * passwordless codes, so their sending is bounded per user and hour, and wrong answers to any
 * sign-in code (passwordless, MFA, TOTP) count towards a lockout of their own, which no right
 * answer to another kind of challenge clears. And an SRP_A that is no group element is refused at
 * once, before a Session keeps it (AWS answers a tampered SRP_A with InvalidParameterException:
 * https://github.com/amazon-archives/amazon-cognito-identity-js/issues/356).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { InitiateAuthCommand, RespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { ClientRecord } from '../../src/domain/client.ts';
import type { PoolRecord } from '../../src/domain/pool.ts';
import { createClient, createPool, createTestUser, rejectsWith, startTestbed, type Testbed } from '../support/testbed.ts';

describe('guessing at sign-in codes', () => {
  let tb: Testbed;
  let pool: PoolRecord;
  let client: ClientRecord;
  before(async () => {
    tb = await startTestbed();
    pool = await createPool(tb, { Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } } });
    client = await createClient(tb, pool, { ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_USER_SRP_AUTH'] });
  });
  after(() => tb.close());

  const askCode = (username: string) =>
    tb.cognito.send(new InitiateAuthCommand({ ClientId: client.clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: username, PREFERRED_CHALLENGE: 'EMAIL_OTP' } }));
  const answer = (username: string, session: string, code: string) =>
    tb.cognito.send(new RespondToAuthChallengeCommand({ ClientId: client.clientId, ChallengeName: 'EMAIL_OTP', Session: session, ChallengeResponses: { USERNAME: username, EMAIL_OTP_CODE: code } }));
  const newest = async (username: string) => {
    const res = await fetch(`${tb.url}/_cognate/messages?userPoolId=${pool.id}&username=${username}`);
    return ((await res.json()) as { messages: { code: string }[] }).messages[0]?.code;
  };

  it('sends at most 10 passwordless codes to a user in an hour', async () => {
    await createTestUser(tb, pool, { username: 'amy', attributes: { email: 'amy@example.com', email_verified: 'true' } });
    for (let i = 0; i < 10; i++) assert.equal((await askCode('amy')).ChallengeName, 'EMAIL_OTP');
    await rejectsWith(askCode('amy'), 'LimitExceededException', 'Attempt limit exceeded, please try after some time.');
  });

  it('locks guesses out from the fifth wrong one in a row, across codes, even the right code', async () => {
    await createTestUser(tb, pool, { username: 'ben', attributes: { email: 'ben@example.com', email_verified: 'true' } });
    const first = await askCode('ben');
    for (let i = 0; i < 4; i++) await rejectsWith(answer('ben', first.Session!, `00000${i}`), 'CodeMismatchException');
    // A new code does not give the guesses back.
    const second = await askCode('ben');
    const code = (await newest('ben'))!;
    const wrong = code === '999999' ? '999998' : '999999';
    await rejectsWith(answer('ben', second.Session!, wrong), 'CodeMismatchException');
    await rejectsWith(answer('ben', second.Session!, code), 'NotAuthorizedException', 'Password attempts exceeded');
    // A refusal that is no wrong code ends the Session. Once the lock is over, a new code signs in.
    tb.clock.offset += 2_000;
    await rejectsWith(answer('ben', second.Session!, code), 'NotAuthorizedException');
    const third = await askCode('ben');
    assert.ok((await answer('ben', third.Session!, (await newest('ben'))!)).AuthenticationResult!.AccessToken);
  });

  it('refuses an SRP_A that is no group element before keeping anything', async () => {
    await createTestUser(tb, pool, { username: 'cy', password: 'Corr3ct-horse' });
    for (const SRP_A of ['f'.repeat(2000), 'not-hex', '0']) {
      await rejectsWith(tb.cognito.send(new InitiateAuthCommand({ ClientId: client.clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'cy', SRP_A } })),
        'InvalidParameterException', 'SRP_A is not a valid SRP value.');
    }
  });
});
