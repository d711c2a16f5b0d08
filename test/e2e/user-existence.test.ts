/**
 * PreventUserExistenceErrors (issue 18, finding 7): with the client's setting ENABLED, a name no
 * user holds is answered as a user's would be, operation by operation, as AWS documents in
 * "Managing user existence error responses"
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html);
 * with it off (LEGACY), UserNotFoundException. Each comparison puts a known user's answer next to
 * an unknown name's.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  AdminInitiateAuthCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  RespondToAuthChallengeCommand,
  type CodeDeliveryDetailsType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { ClientRecord } from '../../src/domain/client.ts';
import type { PoolRecord } from '../../src/domain/pool.ts';
import { createClient, createPool, createTestUser, fnArn, startTestbed, type Testbed } from '../support/testbed.ts';
import { rawRows } from '../support/raw-store.ts';
import { lockoutKey } from '../../src/flows/lockout.ts';

const require = createRequire(import.meta.url);
const cognitoJs = require('amazon-cognito-identity-js');

const PASSWORD = 'Corr3ct-horse';

/** The custom challenge functions of auth-triggers.test.ts, each noting what it was told into events.jsonl. */
const note = `import { appendFileSync } from 'node:fs';
  const note = (e) => appendFileSync(new URL('./events.jsonl', import.meta.url), JSON.stringify({ source: e.triggerSource, userName: e.userName, userNotFound: e.request.userNotFound }) + '\\n');`;
const FUNCTIONS = {
  'pre-auth': `${note}
  export const handler = async (event) => { note(event); return event; };`,
  define: `${note}
  export const handler = async (event) => {
    note(event);
    const s = event.request.session;
    const last = s[s.length - 1];
    Object.assign(event.response, { issueTokens: false, failAuthentication: false });
    if (last?.challengeName === 'CUSTOM_CHALLENGE' && last.challengeResult) event.response.issueTokens = true;
    else event.response.challengeName = 'CUSTOM_CHALLENGE';
    return event;
  };`,
  create: `${note}
  export const handler = async (event) => {
    note(event);
    event.response.publicChallengeParameters = { question: 'What is 6 x 7?', round: String(event.request.session.length) };
    event.response.privateChallengeParameters = { answer: '42' };
    return event;
  };`,
  verify: `${note}
  export const handler = async (event) => {
    note(event);
    event.response.answerCorrect = event.request.challengeAnswer === event.request.privateChallengeParameters.answer;
    return event;
  };`,
};
const verifiedEmail = (name: string) => ({ email: `${name}@example.com`, email_verified: 'true' });

/** What a call answered: its error's type and message, or its output. */
async function answer(p: Promise<object>): Promise<unknown> {
  try {
    const { $metadata: _metadata, ...out } = (await p) as { $metadata?: unknown };
    return out;
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}

/** CodeDeliveryDetails with the shown characters of the destination blanked: its shape. */
function shape(out: unknown): unknown {
  const details = (out as { CodeDeliveryDetails?: CodeDeliveryDetailsType }).CodeDeliveryDetails;
  if (!details) return out;
  return { ...details, Destination: details.Destination!.replace(/[^*@+]/g, '?') };
}

describe('PreventUserExistenceErrors: an unknown name answered as a user would be', () => {
  let tb: Testbed;
  let pool: PoolRecord;
  let hiding: ClientRecord;
  let legacy: ClientRecord;

  before(async () => {
    tb = await startTestbed(FUNCTIONS);
    pool = await createPool(tb, {
      AutoVerifiedAttributes: ['email'],
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }, { Name: 'verified_phone_number', Priority: 2 }] },
    });
    hiding = await createClient(tb, pool, { PreventUserExistenceErrors: 'ENABLED' });
    legacy = await createClient(tb, pool, { PreventUserExistenceErrors: 'LEGACY' });
    await createTestUser(tb, pool, { username: 'known', password: PASSWORD, attributes: verifiedEmail('known') });
    await createTestUser(tb, pool, { username: 'lockme', password: PASSWORD, attributes: verifiedEmail('lockme') });
    await createTestUser(tb, pool, { username: 'srp-lockme', password: PASSWORD, attributes: verifiedEmail('srp-lockme') });
    await createTestUser(tb, pool, { username: 'disabled', password: PASSWORD, enabled: false, attributes: verifiedEmail('disabled') });
    await createTestUser(tb, pool, { username: 'unverified', password: PASSWORD, attributes: { email: 'unverified@example.com', email_verified: 'false' } });
    // After AdminResetUserPassword (the password kept) and after an import (no password).
    await createTestUser(tb, pool, { username: 'reset', password: PASSWORD, status: 'RESET_REQUIRED', attributes: verifiedEmail('reset') });
    await createTestUser(tb, pool, { username: 'imported', status: 'RESET_REQUIRED', attributes: verifiedEmail('imported') });
    await createTestUser(tb, pool, { username: 'pending', password: PASSWORD, status: 'UNCONFIRMED', attributes: { email: 'pending@example.com' } });
    await createTestUser(tb, pool, { username: 'pending-disabled', password: PASSWORD, status: 'UNCONFIRMED', enabled: false, attributes: { email: 'pd@example.com' } });
  });
  after(() => tb.close());

  const initiate = (client: ClientRecord, AuthFlow: 'USER_PASSWORD_AUTH' | 'USER_SRP_AUTH', AuthParameters: Record<string, string>) =>
    tb.cognito.send(new InitiateAuthCommand({ ClientId: client.clientId, AuthFlow, AuthParameters }));
  const adminInitiate = (client: ClientRecord, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH' | 'ADMIN_NO_SRP_AUTH', AuthParameters: Record<string, string>) =>
    tb.cognito.send(new AdminInitiateAuthCommand({ UserPoolId: pool.id, ClientId: client.clientId, AuthFlow, AuthParameters }));
  const srpA = () => {
    let A = '';
    new cognitoJs.AuthenticationHelper(pool.id.split('_')[1]).getLargeAValue((_e: unknown, a: { toString(radix: number): string }) => (A = a.toString(16)));
    return A;
  };
  /** A PASSWORD_VERIFIER answer with a wrong proof (any 32-byte signature is one). */
  const wrongProof = (p: Record<string, string>) => tb.cognito.send(new RespondToAuthChallengeCommand({
    ClientId: hiding.clientId, ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeResponses: {
      USERNAME: p.USER_ID_FOR_SRP, PASSWORD_CLAIM_SECRET_BLOCK: p.SECRET_BLOCK, TIMESTAMP: new cognitoJs.DateHelper().getNowString(),
      PASSWORD_CLAIM_SIGNATURE: randomBytes(32).toString('base64'),
    },
  }));

  // AWS: ADMIN_USER_PASSWORD_AUTH and USER_PASSWORD_AUTH "return a NotAuthorizedException with the
  // message Incorrect username or password" for a user who does not exist.
  it('answers a wrong password and an unknown name alike, in every password flow', async () => {
    const wrong = { PASSWORD: 'Wrong-pass1' };
    for (const USERNAME of ['known', 'nobody']) {
      assert.equal(await answer(initiate(hiding, 'USER_PASSWORD_AUTH', { USERNAME, ...wrong })), 'NotAuthorizedException: Incorrect username or password.', USERNAME);
      assert.equal(await answer(adminInitiate(hiding, 'ADMIN_USER_PASSWORD_AUTH', { USERNAME, ...wrong })), 'NotAuthorizedException: Incorrect username or password.', USERNAME);
      assert.equal(await answer(adminInitiate(hiding, 'ADMIN_NO_SRP_AUTH', { USERNAME, ...wrong })), 'NotAuthorizedException: Incorrect username or password.', USERNAME);
    }
    assert.equal(await answer(initiate(legacy, 'USER_PASSWORD_AUTH', { USERNAME: 'nobody', ...wrong })), 'UserNotFoundException: User does not exist.');
  });

  // A user is locked out from the fifth wrong password; an unknown name must be too, or the sixth
  // answer tells them apart. Its counter lives in the store's lockouts, purged 15 minutes after.
  it('locks an unknown name out as it locks a user out', async () => {
    tb.clock.frozenAt = Date.now();
    try {
      const six = async (USERNAME: string) => {
        const out = [];
        for (let i = 0; i < 6; i++) out.push(await answer(initiate(hiding, 'USER_PASSWORD_AUTH', { USERNAME, PASSWORD: 'Wrong-pass1' })));
        return out;
      };
      const known = await six('lockme');
      assert.deepEqual(known.slice(4), ['NotAuthorizedException: Incorrect username or password.', 'NotAuthorizedException: Password attempts exceeded']);
      assert.deepEqual(await six('nobody-locked'), known);
      // The 1-second lock over, both are checked again.
      tb.clock.offset = 1000;
      assert.equal(await answer(initiate(hiding, 'USER_PASSWORD_AUTH', { USERNAME: 'nobody-locked', PASSWORD: 'Wrong-pass1' })), 'NotAuthorizedException: Incorrect username or password.');
    } finally {
      tb.clock.frozenAt = undefined;
      tb.clock.offset = 0;
    }
  });

  // Issue 18, review: each made-up name leaves a counter until it no longer counts, so its key is
  // kept compact: 'p' and 16 bytes of a hash, 23 characters (it was a whole SHA-256, 43), and on
  // SQLite the table is its key's B-tree alone (src/flows/lockout.test.ts measures 20,000 names).
  it('keeps one compact counter for each made-up name, which does not show the name', async () => {
    const keys = async () => (await rawRows(tb.raw, 'SELECT key FROM lockouts')).map((r) => r.key as string);
    const before = new Set(await keys());
    const names = Array.from({ length: 12 }, (_, i) => `made-up-${i}-${randomBytes(4).toString('hex')}@example.com`);
    for (const USERNAME of names) {
      assert.equal(await answer(initiate(hiding, 'USER_PASSWORD_AUTH', { USERNAME, PASSWORD: 'Wrong-pass1' })), 'NotAuthorizedException: Incorrect username or password.');
    }
    const added = (await keys()).filter((k) => !before.has(k));
    assert.deepEqual(added.sort(), names.map((unknownName) => lockoutKey(pool, { unknownName })).sort(), 'one counter a name');
    for (const key of added) assert.match(key, /^p[A-Za-z0-9_-]{22}$/);
  });

  // AWS: "If PreventUserExistenceErrors is enabled, during authentication of imported users a
  // generic NotAuthorizedException error is returned indicating either the username or password
  // was incorrect instead of returning PasswordResetRequiredException."
  it('answers a user whose password must be reset as a wrong password, whatever the password', async () => {
    for (const USERNAME of ['reset', 'imported', 'nobody']) {
      assert.equal(await answer(initiate(hiding, 'USER_PASSWORD_AUTH', { USERNAME, PASSWORD })), 'NotAuthorizedException: Incorrect username or password.', USERNAME);
    }
    assert.equal(await answer(initiate(legacy, 'USER_PASSWORD_AUTH', { USERNAME: 'reset', PASSWORD })), 'PasswordResetRequiredException: Password reset required for the user');
  });

  // AWS: for an unknown user, SRP's first step is simulated (RFC 5054 §2.5.1.3), "the same salt
  // and an internal user ID ... for the same username and user pool combination"; the proof is
  // answered with a generic NotAuthorizedException.
  it('plays SRP out alike for a user and an unknown name, lockout included', async () => {
    const challenge = async (USERNAME: string) => (await initiate(hiding, 'USER_SRP_AUTH', { USERNAME, SRP_A: srpA() })).ChallengeParameters!;
    const [known, unknown] = [await challenge('srp-lockme'), await challenge('nobody-srp')];
    const form = (p: Record<string, string>) => ({ keys: Object.keys(p).sort(), salt: /^[0-9a-f]{32}$/.test(p.SALT), id: p.USER_ID_FOR_SRP === p.USERNAME });
    assert.deepEqual(form(unknown), form(known));
    assert.equal(unknown.USER_ID_FOR_SRP, 'nobody-srp');
    assert.equal((await challenge('nobody-srp')).SALT, unknown.SALT, 'the same salt each time');

    tb.clock.frozenAt = Date.now();
    try {
      const five = async (USERNAME: string) => {
        const out = [];
        for (let i = 0; i < 5; i++) out.push(await answer(wrongProof(await challenge(USERNAME))));
        out.push(await answer(initiate(hiding, 'USER_SRP_AUTH', { USERNAME, SRP_A: srpA() })));
        return out;
      };
      const answers = await five('srp-lockme');
      assert.deepEqual(answers, [...Array(5).fill('NotAuthorizedException: Incorrect username or password.'), 'NotAuthorizedException: Password attempts exceeded']);
      assert.deepEqual(await five('nobody-srp'), answers);
    } finally {
      tb.clock.frozenAt = undefined;
    }
  });

  // AWS, ForgotPassword: "When a user isn't found, is deactivated, or doesn't have a verified
  // delivery mechanism to recover their password, Amazon Cognito returns CodeDeliveryDetails with a
  // simulated delivery medium ... determined by the input username format and verification
  // settings of the user pool."
  it('ForgotPassword: delivery details of the same shape for a user, a disabled one, one without a verified address, and no one', async () => {
    const forgot = (client: ClientRecord, Username: string) => answer(tb.cognito.send(new ForgotPasswordCommand({ ClientId: client.clientId, Username })));
    const known = await forgot(hiding, 'known');
    assert.deepEqual(known, { CodeDeliveryDetails: { Destination: 'k***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' } });
    for (const name of ['ghost', 'disabled', 'unverified', 'ghost@example.org']) assert.deepEqual(shape(await forgot(hiding, name)), shape(known), name);
    assert.deepEqual(await forgot(hiding, 'ghost'), await forgot(hiding, 'ghost'), 'the same answer each time, as for a user');
    assert.deepEqual(await forgot(hiding, 'ghost@example.org'), { CodeDeliveryDetails: { Destination: 'g***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' } });
    assert.equal(await forgot(legacy, 'ghost'), 'UserNotFoundException: Username/client id combination not found.');

    // A pool that recovers by SMS first: a made-up number, masked as a real one is.
    const bySms = await createPool(tb, { AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_phone_number', Priority: 1 }] } });
    const smsClient = await createClient(tb, bySms, { PreventUserExistenceErrors: 'ENABLED' });
    await createTestUser(tb, bySms, { username: 'texted', password: PASSWORD, attributes: { phone_number: '+15555550123', phone_number_verified: 'true' } });
    const texted = await forgot(smsClient, 'texted');
    assert.deepEqual(texted, { CodeDeliveryDetails: { Destination: '+*******0123', DeliveryMedium: 'SMS', AttributeName: 'phone_number' } });
    assert.deepEqual(shape(await forgot(smsClient, 'ghost')), shape(texted));
  });

  // AWS, ConfirmForgotPassword: "CodeMismatchException error for users that don't exist or are disabled".
  it('ConfirmForgotPassword: the same answers for a user, a disabled one, and no one', async () => {
    await tb.cognito.send(new ForgotPasswordCommand({ ClientId: hiding.clientId, Username: 'known' }));
    const confirm = (client: ClientRecord, Username: string, Password: string) =>
      answer(tb.cognito.send(new ConfirmForgotPasswordCommand({ ClientId: client.clientId, Username, ConfirmationCode: '000000', Password })));
    for (const name of ['known', 'disabled', 'nobody']) {
      assert.equal(await confirm(hiding, name, 'Fresh-passw0rd'), 'CodeMismatchException: Invalid verification code provided, please try again.', name);
      assert.equal(await confirm(hiding, name, 'weak'), 'InvalidPasswordException: Password did not conform with policy: Password not long enough', name);
    }
    assert.equal(await confirm(legacy, 'nobody', 'Fresh-passw0rd'), 'UserNotFoundException: Username/client id combination not found.');
  });

  // AWS, ResendConfirmationCode: "Amazon Cognito returns CodeDeliveryDetails for a disabled user or
  // a user that doesn't exist."
  it('ResendConfirmationCode: delivery details of the same shape for an unconfirmed user, a disabled one, and no one', async () => {
    const resend = (client: ClientRecord, Username: string) => answer(tb.cognito.send(new ResendConfirmationCodeCommand({ ClientId: client.clientId, Username })));
    const pending = await resend(hiding, 'pending');
    assert.deepEqual(pending, { CodeDeliveryDetails: { Destination: 'p***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' } });
    for (const name of ['pending-disabled', 'nobody']) assert.deepEqual(shape(await resend(hiding, name)), shape(pending), name);
    assert.deepEqual(await resend(hiding, 'nobody'), await resend(hiding, 'nobody'), 'the same answer each time');
    assert.equal(await resend(legacy, 'nobody'), 'UserNotFoundException: Username/client id combination not found.');
  });

  // AWS: the custom challenge functions are invoked for a name no user holds, their events carrying
  // userNotFound: true, so that they "can simulate custom authentication challenges for a user that
  // doesn't exist"; and the pre authentication function too. Tokens are never issued for no one.
  it('CUSTOM_AUTH: plays the challenges out for no one, telling the functions, and never issues tokens', async () => {
    const custom = await createPool(tb, { LambdaConfig: { PreAuthentication: fnArn('pre-auth'), DefineAuthChallenge: fnArn('define'), CreateAuthChallenge: fnArn('create'), VerifyAuthChallengeResponse: fnArn('verify') } });
    const client = await createClient(tb, custom, { PreventUserExistenceErrors: 'ENABLED' });
    const plain = await createClient(tb, custom);
    await createTestUser(tb, custom, { username: 'quiz-taker', password: PASSWORD });
    const start = (c: ClientRecord, USERNAME: string) => tb.cognito.send(new InitiateAuthCommand({ ClientId: c.clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME } }));
    const respond = (USERNAME: string, Session: string, ANSWER: string) =>
      tb.cognito.send(new RespondToAuthChallengeCommand({ ClientId: client.clientId, ChallengeName: 'CUSTOM_CHALLENGE', Session, ChallengeResponses: { USERNAME, ANSWER } }));
    const play = async (name: string) => {
      const first = await start(client, name);
      const second = await respond(name, first.Session!, '41');
      const last = await answer(respond(name, second.Session!, '42'));
      const asked = (o: typeof first) => ({ ChallengeName: o.ChallengeName, ChallengeParameters: { ...o.ChallengeParameters, USERNAME: o.ChallengeParameters!.USERNAME === name } });
      return { first: asked(first), second: asked(second), last };
    };
    const known = await play('quiz-taker');
    assert.ok((known.last as { AuthenticationResult?: unknown }).AuthenticationResult, 'the user gets tokens');
    const unknown = await play('nobody-quiz');
    assert.deepEqual({ ...unknown, last: undefined }, { ...known, last: undefined });
    assert.equal(unknown.last, 'NotAuthorizedException: Incorrect username or password.');
    const told = readFileSync(join(tb.dir, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { source: string; userName: string; userNotFound?: boolean });
    const of = (name: string) => told.filter((e) => e.userName === name).map((e) => `${e.source} ${e.userNotFound}`);
    assert.deepEqual(of('nobody-quiz'), of('quiz-taker').map((e) => e.replace('false', 'true')));
    assert.ok(of('quiz-taker').includes('PreAuthentication_Authentication false'));
    assert.ok(of('quiz-taker').includes('VerifyAuthChallengeResponse_Authentication false'));
    assert.equal(await answer(start(plain, 'nobody-quiz')), 'UserNotFoundException: User does not exist.');
  });

  // Issue 18 (review): wrong answers to a custom challenge are counted, and lock out from the fifth.
  // A name no user holds is counted under its own key, or the sixth answer would tell them apart.
  it('CUSTOM_AUTH: wrong answers lock an unknown name out as they lock a user out', async () => {
    const custom = await createPool(tb, { LambdaConfig: { DefineAuthChallenge: fnArn('define'), CreateAuthChallenge: fnArn('create'), VerifyAuthChallengeResponse: fnArn('verify') } });
    const client = await createClient(tb, custom, { PreventUserExistenceErrors: 'ENABLED' });
    await createTestUser(tb, custom, { username: 'guessed', password: PASSWORD });
    const start = (USERNAME: string) => tb.cognito.send(new InitiateAuthCommand({ ClientId: client.clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME } }));
    const respond = (USERNAME: string, Session: string, ANSWER: string) =>
      tb.cognito.send(new RespondToAuthChallengeCommand({ ClientId: client.clientId, ChallengeName: 'CUSTOM_CHALLENGE', Session, ChallengeResponses: { USERNAME, ANSWER } }));
    tb.clock.frozenAt = Date.now();
    try {
      const guess = async (name: string) => {
        const out = [];
        let session = (await start(name)).Session!;
        for (let i = 0; i < 6; i++) {
          try {
            const next = await respond(name, session, '41');
            out.push(next.ChallengeName);
            session = next.Session!;
          } catch (e) {
            out.push(`${(e as Error).name}: ${(e as Error).message}`);
          }
        }
        out.push(await answer(start(name)));
        return out;
      };
      const known = await guess('guessed');
      assert.deepEqual(known, [...Array(5).fill('CUSTOM_CHALLENGE'), 'NotAuthorizedException: Password attempts exceeded', 'NotAuthorizedException: Password attempts exceeded']);
      assert.deepEqual(await guess('nobody-guessed'), known);
    } finally {
      tb.clock.frozenAt = undefined;
    }
  });

  // Issue 18, review of finding 7: a user who holds no code (never asked for one, used it, or let
  // it expire) answered ExpiredCodeException where an unknown name answers CodeMismatchException,
  // and a user's code burnt after 5 answers where an unknown name never did. AWS documents, for
  // ConfirmForgotPassword, "CodeMismatchException error for users that don't exist or are
  // disabled", and for ConfirmSignUp no answer for a user that does not exist but
  // CodeMismatchException (cognito-user-pool-managing-errors.html): so every case answers as a
  // user's wrong code does, and burns as a user's code does.
  describe('wrong codes, seven in a row: a user with or without a code, and no one, answer alike', () => {
    const WRONG = 'CodeMismatchException: Invalid verification code provided, please try again.';
    const BURNT = 'LimitExceededException: Attempt limit exceeded, please try after some time.';
    const SEVEN = [...Array(5).fill(WRONG), BURNT, BURNT];
    const seven = async (confirm: (Username: string) => Promise<unknown>, Username: string) => {
      const out = [];
      for (let i = 0; i < 7; i++) out.push(await confirm(Username));
      return out;
    };
    const forgot = (Username: string) => tb.cognito.send(new ForgotPasswordCommand({ ClientId: hiding.clientId, Username }));
    const confirmForgot = (Username: string) =>
      answer(tb.cognito.send(new ConfirmForgotPasswordCommand({ ClientId: hiding.clientId, Username, ConfirmationCode: '000000', Password: 'Fresh-passw0rd' })));
    const resend = (Username: string) => tb.cognito.send(new ResendConfirmationCodeCommand({ ClientId: hiding.clientId, Username }));
    const confirmSignUp = (Username: string) => answer(tb.cognito.send(new ConfirmSignUpCommand({ ClientId: hiding.clientId, Username, ConfirmationCode: '000000' })));
    const user = (username: string, status: 'CONFIRMED' | 'UNCONFIRMED' = 'CONFIRMED') =>
      createTestUser(tb, pool, { username, password: PASSWORD, status, attributes: status === 'CONFIRMED' ? verifiedEmail(username) : { email: `${username}@example.com` } });

    it('ConfirmForgotPassword: a user who never asked for a code, and no one', async () => {
      await user('never-asked');
      const known = await seven(confirmForgot, 'never-asked');
      assert.deepEqual(known, SEVEN);
      assert.deepEqual(await seven(confirmForgot, 'nobody-never-asked'), known);
    });

    it('ConfirmForgotPassword: after ForgotPassword for both, and again after a second one', async () => {
      await user('asked');
      for (const name of ['asked', 'nobody-asked']) await forgot(name);
      const known = await seven(confirmForgot, 'asked');
      assert.deepEqual(known, SEVEN);
      assert.deepEqual(await seven(confirmForgot, 'nobody-asked'), known);
      // A new code takes five answers again; the name's stand-in is given them back alike.
      for (const name of ['asked', 'nobody-asked']) await forgot(name);
      assert.deepEqual(await seven(confirmForgot, 'nobody-asked'), await seven(confirmForgot, 'asked'));
    });

    it('ConfirmForgotPassword: a user whose code has expired, and no one', async () => {
      await user('expired');
      for (const name of ['expired', 'nobody-expired']) await forgot(name);
      tb.clock.offset = 3_600_000 + 1000;
      try {
        const known = await seven(confirmForgot, 'expired');
        assert.deepEqual(known, SEVEN);
        assert.deepEqual(await seven(confirmForgot, 'nobody-expired'), known);
      } finally {
        tb.clock.offset = 0;
      }
    });

    it('ConfirmForgotPassword: a user who has used their code, and no one', async () => {
      await user('used');
      for (const name of ['used', 'nobody-used']) await forgot(name);
      const inbox = await (await fetch(`${tb.url}/_cognate/messages?userPoolId=${pool.id}&username=used`)).json() as { messages: { code: string }[] };
      await tb.cognito.send(new ConfirmForgotPasswordCommand({ ClientId: hiding.clientId, Username: 'used', ConfirmationCode: inbox.messages[0].code, Password: 'Fresh-passw0rd' }));
      const known = await seven(confirmForgot, 'used');
      assert.deepEqual(known, SEVEN);
      assert.deepEqual(await seven(confirmForgot, 'nobody-used'), known);
    });

    it('ConfirmSignUp: an unconfirmed user who never asked for a code, and no one', async () => {
      await user('never-resent', 'UNCONFIRMED');
      const known = await seven(confirmSignUp, 'never-resent');
      assert.deepEqual(known, SEVEN);
      assert.deepEqual(await seven(confirmSignUp, 'nobody-never-resent'), known);
    });

    it('ConfirmSignUp: after ResendConfirmationCode for both', async () => {
      await user('resent', 'UNCONFIRMED');
      for (const name of ['resent', 'nobody-resent']) await resend(name);
      const known = await seven(confirmSignUp, 'resent');
      assert.deepEqual(known, SEVEN);
      assert.deepEqual(await seven(confirmSignUp, 'nobody-resent'), known);
    });

    it('keeps the LEGACY answers: UserNotFoundException, and ExpiredCodeException for a user without a code', async () => {
      await user('legacy-codeless');
      const legacyConfirm = (Username: string) =>
        answer(tb.cognito.send(new ConfirmForgotPasswordCommand({ ClientId: legacy.clientId, Username, ConfirmationCode: '000000', Password: 'Fresh-passw0rd' })));
      assert.equal(await legacyConfirm('legacy-codeless'), 'ExpiredCodeException: Invalid code provided, please request a code again.');
      assert.equal(await legacyConfirm('nobody-legacy'), 'UserNotFoundException: Username/client id combination not found.');
    });
  });

  // AWS, ConfirmSignUp: "If the code doesn't match what the server expects Amazon Cognito returns
  // CodeMismatchException" (and it does not say the user is unknown).
  it('ConfirmSignUp: a wrong code for an unconfirmed user and any code for no one answer alike', async () => {
    await tb.cognito.send(new ResendConfirmationCodeCommand({ ClientId: hiding.clientId, Username: 'pending' }));
    const confirm = (client: ClientRecord, Username: string) => answer(tb.cognito.send(new ConfirmSignUpCommand({ ClientId: client.clientId, Username, ConfirmationCode: '000000' })));
    for (const name of ['pending', 'nobody']) assert.equal(await confirm(hiding, name), 'CodeMismatchException: Invalid verification code provided, please try again.', name);
    assert.equal(await confirm(legacy, 'nobody'), 'UserNotFoundException: Username/client id combination not found.');
  });
});
