/**
 * SignUp, ConfirmSignUp and ResendConfirmationCode through the AWS SDK for JavaScript v3, with
 * codes read from the development inbox. The app runs in this process so that a test can read the
 * store and move the clock (test/support/sign-up-rig.ts).
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  ConfirmSignUpCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { refused } from '../support/refused.ts';
import { PASSWORD, startSignUpRig, type SignUpRig } from '../support/sign-up-rig.ts';

describe('sign-up', () => {
  let rig: SignUpRig;
  let cognito: CognitoIdentityProviderClient;
  before(async () => {
    rig = await startSignUpRig();
    ({ cognito } = rig);
  });
  after(() => rig.close());
  const setUp: SignUpRig['setUp'] = (...a) => rig.setUp(...a);
  const inbox: SignUpRig['inbox'] = (...a) => rig.inbox(...a);
  const latestCode: SignUpRig['latestCode'] = (...a) => rig.latestCode(...a);
  const stored: SignUpRig['stored'] = (...a) => rig.stored(...a);

  describe('a pool that verifies email', () => {
    let poolId: string;
    let clientId: string;
    before(async () => {
      ({ poolId, clientId } = await setUp({
        AutoVerifiedAttributes: ['email'],
        Schema: [{ Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true }],
      }));
    });
    const signUp = (username: string, over: Record<string, unknown> = {}) =>
      cognito.send(new SignUpCommand({ ClientId: clientId, Username: username, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }], ...over }));
    const confirm = (username: string, code: string, over: Record<string, unknown> = {}) =>
      cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: username, ConfirmationCode: code, ...over }));
    const resend = (username: string) => cognito.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: username }));

    it('signs a user up, sends a code to the email address, and confirms the user with it', async () => {
      const out = await signUp('alice', { UserAttributes: [{ Name: 'email', Value: 'alice@example.com' }, { Name: 'email_verified', Value: 'true' }] });
      assert.equal(out.UserConfirmed, false);
      assert.match(out.UserSub!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.deepEqual(out.CodeDeliveryDetails, { Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
      let user = await stored(poolId, 'alice');
      assert.equal(user.sub, out.UserSub);
      assert.equal(user.status, 'UNCONFIRMED');
      assert.equal(user.attributes.email_verified, 'false', 'a user cannot sign up as verified');
      assert.ok(rig.app.deps.sealer.open(user.password!.hash, 'password-hash').startsWith('$argon2id$v=19$'), 'an argon2id hash, sealed');

      const [message] = await inbox(poolId, 'alice');
      assert.equal(message.destination, 'alice@example.com');
      assert.equal(message.channel, 'email');
      assert.equal(message.subject, 'Your verification code');
      assert.equal(message.body, `Your verification code is ${message.code}. `);

      assert.deepEqual(Object.keys(await confirm('alice', message.code)).filter((k) => k !== '$metadata'), []);
      user = await stored(poolId, 'alice');
      assert.equal(user.status, 'CONFIRMED');
      assert.equal(user.attributes.email_verified, 'true');

      await refused(confirm('alice', message.code), 'NotAuthorizedException', 'User cannot be confirmed. Current status is CONFIRMED');
      await refused(resend('alice'), 'InvalidParameterException', 'User is already confirmed.');
      await refused(signUp('alice'), 'UsernameExistsException', 'User already exists');
    });

    it('refuses what Cognito refuses', async () => {
      await refused(cognito.send(new SignUpCommand({ ClientId: 'nosuchclient0000000000000', Username: 'x', Password: PASSWORD })), 'ResourceNotFoundException', 'User pool client nosuchclient0000000000000 does not exist.');
      await refused(signUp('weak', { Password: 'password' }), 'InvalidPasswordException', /^Password did not conform with policy: /);
      await refused(signUp('noemail', { UserAttributes: [] }), 'InvalidParameterException', /email: The attribute is required/);
      await refused(signUp('odd', { UserAttributes: [{ Name: 'email', Value: 'odd@example.com' }, { Name: 'custom:nope', Value: '1' }] }), 'InvalidParameterException', /custom:nope: Attribute does not exist in the schema/);
      await refused(signUp('bademail', { UserAttributes: [{ Name: 'email', Value: 'not-an-email' }] }), 'InvalidParameterException', 'Invalid email address format.');
      await refused(confirm('nobody', '123456'), 'UserNotFoundException', 'Username/client id combination not found.');
      await refused(resend('nobody'), 'UserNotFoundException', 'Username/client id combination not found.');
      assert.equal(await stored(poolId, 'weak'), undefined);
    });

    it('refuses a wrong code, and a resent code replaces the previous one', async () => {
      await signUp('bob');
      const first = await latestCode(poolId, 'bob');
      await refused(confirm('bob', first === '000000' ? '111111' : '000000'), 'CodeMismatchException', 'Invalid verification code provided, please try again.');
      const again = await resend('bob');
      assert.deepEqual(again.CodeDeliveryDetails, { Destination: 'b***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
      const messages = await inbox(poolId, 'bob');
      assert.equal(messages.length, 2);
      const second = messages[0].code;
      if (second !== first) await refused(confirm('bob', first), 'CodeMismatchException', 'Invalid verification code provided, please try again.');
      await confirm('bob', second);
      assert.equal((await stored(poolId, 'bob')).status, 'CONFIRMED');
    });

    it('burns a code after five wrong answers; a new code works', async () => {
      await signUp('carl');
      const code = await latestCode(poolId, 'carl');
      const wrong = code === '000000' ? '111111' : '000000';
      for (let i = 0; i < 5; i++) await refused(confirm('carl', wrong), 'CodeMismatchException');
      await refused(confirm('carl', code), 'LimitExceededException', 'Attempt limit exceeded, please try after some time.');
      await resend('carl');
      await confirm('carl', await latestCode(poolId, 'carl'));
      assert.equal((await stored(poolId, 'carl')).status, 'CONFIRMED');
    });

    it('refuses a code after 24 hours', async () => {
      await signUp('dora');
      const code = await latestCode(poolId, 'dora');
      rig.clock.offset = 24 * 3600 * 1000 + 1000;
      try {
        await refused(confirm('dora', code), 'ExpiredCodeException', 'Invalid code provided, please request a code again.');
      } finally {
        rig.clock.offset = 0;
      }
    });
  });

  it('sends the code by SMS when the pool verifies phone numbers too, and verifies the phone number', async () => {
    const { poolId, clientId } = await setUp({ AutoVerifiedAttributes: ['email', 'phone_number'] });
    const out = await cognito.send(new SignUpCommand({
      ClientId: clientId, Username: 'pat', Password: PASSWORD,
      UserAttributes: [{ Name: 'email', Value: 'pat@example.com' }, { Name: 'phone_number', Value: '+15555550100' }],
    }));
    assert.deepEqual(out.CodeDeliveryDetails, { Destination: '+*******0100', DeliveryMedium: 'SMS', AttributeName: 'phone_number' });
    const [message] = await inbox(poolId, 'pat');
    assert.equal(message.channel, 'sms');
    assert.equal(message.destination, '+15555550100');
    await cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'pat', ConfirmationCode: message.code }));
    const user = await stored(poolId, 'pat');
    assert.equal(user.attributes.phone_number_verified, 'true');
    assert.equal(user.attributes.email_verified, 'false');
  });

  it('sends no code where the pool verifies nothing, and cannot resend one', async () => {
    const { poolId, clientId } = await setUp();
    const out = await cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'quinn', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'quinn@example.com' }] }));
    assert.equal(out.UserConfirmed, false);
    assert.equal(out.CodeDeliveryDetails, undefined);
    assert.deepEqual(await inbox(poolId, 'quinn'), []);
    await refused(cognito.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'quinn' })), 'InvalidParameterException', 'Cannot resend codes. Auto verification not turned on.');
    await refused(cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'quinn', ConfirmationCode: '123456' })), 'ExpiredCodeException');
  });

  it('refuses sign-up where only administrators create users', async () => {
    const { clientId } = await setUp({ AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } });
    await refused(cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'rita', Password: PASSWORD })), 'NotAuthorizedException', 'SignUp is not permitted for this user pool');
  });

  it("refuses attributes outside the app client's WriteAttributes", async () => {
    const { clientId } = await setUp({}, { WriteAttributes: ['email'] });
    await refused(
      cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'sam', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'sam@example.com' }, { Name: 'name', Value: 'Sam' }] })),
      'NotAuthorizedException', 'A client attempted to write unauthorized attribute',
    );
    await cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'sam', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'sam@example.com' }] }));
  });

  it('requires the SECRET_HASH of a client with a secret', async () => {
    const { poolId, clientId, secret } = await setUp({ AutoVerifiedAttributes: ['email'] }, { GenerateSecret: true });
    const hash = (username: string) => createHmac('sha256', secret!).update(username + clientId).digest('base64');
    const input = { ClientId: clientId, Username: 'tess', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'tess@example.com' }] };
    await refused(cognito.send(new SignUpCommand(input)), 'NotAuthorizedException', `Client ${clientId} is configured for secret but secret was not received`);
    await refused(cognito.send(new SignUpCommand({ ...input, SecretHash: hash('someone') })), 'NotAuthorizedException', `Unable to verify secret hash for client ${clientId}`);
    await cognito.send(new SignUpCommand({ ...input, SecretHash: hash('tess') }));
    await refused(cognito.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'tess' })), 'NotAuthorizedException');
    await cognito.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'tess', SecretHash: hash('tess') }));
    const code = await latestCode(poolId, 'tess');
    await refused(cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'tess', ConfirmationCode: code })), 'NotAuthorizedException');
    await cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'tess', ConfirmationCode: code, SecretHash: hash('tess') }));
    assert.equal((await stored(poolId, 'tess')).status, 'CONFIRMED');
  });

  it('takes the email as Username where users sign in with email, and names the user by its sub', async () => {
    const { poolId, clientId } = await setUp({ UsernameAttributes: ['email'], AutoVerifiedAttributes: ['email'] });
    const out = await cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'carol@example.com', Password: PASSWORD }));
    const user = await stored(poolId, 'carol@example.com');
    assert.equal(user.username, out.UserSub);
    assert.equal(user.attributes.email, 'carol@example.com');
    // Messages are kept under the stored username: the sub.
    const [message] = await inbox(poolId, out.UserSub!);
    assert.equal(message.destination, 'carol@example.com');
    await cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'carol@example.com', ConfirmationCode: message.code }));
    assert.equal((await stored(poolId, out.UserSub!)).status, 'CONFIRMED');

    await refused(cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'carol', Password: PASSWORD })), 'InvalidParameterException', 'Username should be an email.');
    await refused(cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'Carol@Example.com', Password: PASSWORD })), 'UsernameExistsException', 'An account with the given email already exists.');
    const both = await setUp({ UsernameAttributes: ['email', 'phone_number'] });
    await refused(cognito.send(new SignUpCommand({ ClientId: both.clientId, Username: 'carol', Password: PASSWORD })), 'InvalidParameterException', 'Username should be either an email or a phone number.');
    const phone = await cognito.send(new SignUpCommand({ ClientId: both.clientId, Username: '+15555550123', Password: PASSWORD }));
    assert.equal((await stored(both.poolId, '+15555550123')).attributes.phone_number, '+15555550123');
    assert.equal((await stored(both.poolId, '+15555550123')).username, phone.UserSub);
  });

  it('moves an email alias to the user who confirms with ForceAliasCreation', async () => {
    const { poolId, clientId } = await setUp({ AliasAttributes: ['email'], AutoVerifiedAttributes: ['email'] });
    const signUp = (username: string, email: string) =>
      cognito.send(new SignUpCommand({ ClientId: clientId, Username: username, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: email }] }));
    await refused(signUp('shared@example.com', 'shared@example.com'), 'InvalidParameterException', 'Username cannot be of email format, since user pool is configured for email alias.');
    await signUp('dave', 'shared@example.com');
    await signUp('erin', 'Shared@example.com');
    await cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'dave', ConfirmationCode: await latestCode(poolId, 'dave') }));
    assert.equal((await stored(poolId, 'shared@example.com')).username, 'dave');

    const code = await latestCode(poolId, 'erin');
    await refused(cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'erin', ConfirmationCode: code })), 'AliasExistsException', 'An account with the given email already exists.');
    assert.equal((await stored(poolId, 'erin')).status, 'UNCONFIRMED');
    // The refused request left the code unused.
    await cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'erin', ConfirmationCode: code, ForceAliasCreation: true }));
    assert.equal((await stored(poolId, 'erin')).attributes.email_verified, 'true');
    assert.equal((await stored(poolId, 'dave')).attributes.email_verified, 'false');
    assert.equal((await stored(poolId, 'shared@example.com')).username, 'erin');
  });
});
