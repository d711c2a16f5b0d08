/**
 * AdminCreateUser through the AWS SDK for JavaScript v3, against one server started as a user
 * starts it, with trigger functions from a config file (test/support/admin-users-rig.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AdminSetUserPasswordCommand } from '@aws-sdk/client-cognito-identity-provider';
import { refused as rejects } from '../support/refused.ts';
import { attrs, CUSTOM_MESSAGE, PRE_SIGN_UP, startAdminUsersRig, type AdminUsersRig } from '../support/admin-users-rig.ts';

describe('administrators manage users through the AWS SDK for JavaScript v3', () => {
  let rig: AdminUsersRig;
  let cognito: AdminUsersRig['cognito'];
  before(async () => {
    rig = await startAdminUsersRig();
    cognito = rig.cognito;
  });
  after(() => rig.close());
  const pool: AdminUsersRig['pool'] = (...a) => rig.pool(...a);
  const create = (...a: Parameters<AdminUsersRig['create']>) => rig.create(...a);
  const get = (...a: Parameters<AdminUsersRig['get']>) => rig.get(...a);
  const inbox: AdminUsersRig['inbox'] = (...a) => rig.inbox(...a);
  const triggerEvents: AdminUsersRig['triggerEvents'] = () => rig.triggerEvents();

  describe('AdminCreateUser', () => {
    it('creates a user in FORCE_CHANGE_PASSWORD and emails the invitation with its temporary password', async () => {
      const id = await pool();
      const { User } = await create(id, 'alice', { UserAttributes: [{ Name: 'email', Value: 'alice@example.com' }, { Name: 'email_verified', Value: 'true' }], DesiredDeliveryMediums: ['EMAIL'] });
      assert.equal(User!.Username, 'alice');
      assert.equal(User!.UserStatus, 'FORCE_CHANGE_PASSWORD');
      assert.equal(User!.Enabled, true);
      assert.ok(User!.UserCreateDate instanceof Date);
      const a = attrs(User!.Attributes);
      assert.match(a.sub!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.equal(a.email, 'alice@example.com');
      assert.equal(a.email_verified, 'true');

      const [invitation, ...rest] = await inbox(id, 'alice');
      assert.equal(rest.length, 0);
      assert.equal(invitation.channel, 'email');
      assert.equal(invitation.destination, 'alice@example.com');
      assert.equal(invitation.subject, 'Your temporary password');
      // A generated password that meets the pool's (default) policy.
      assert.ok(invitation.code.length >= 12 && /[A-Z]/.test(invitation.code) && /[a-z]/.test(invitation.code) && /\d/.test(invitation.code), invitation.code);
      assert.equal(invitation.body, `Your username is alice and temporary password is ${invitation.code}. `);
    });

    it('uses the given TemporaryPassword and the pool InviteMessageTemplate', async () => {
      const id = await pool({ AdminCreateUserConfig: { InviteMessageTemplate: { EmailSubject: 'Hi', EmailMessage: 'User {username}, password {####}' } } });
      await create(id, 'bob', { UserAttributes: [{ Name: 'email', Value: 'bob@example.com' }], TemporaryPassword: 'Temp-Pass1!' });
      const [m] = await inbox(id, 'bob');
      assert.equal(m.code, 'Temp-Pass1!');
      assert.equal(m.subject, 'Hi');
      assert.equal(m.body, 'User bob, password Temp-Pass1!');
    });

    it('without DesiredDeliveryMediums, invites by SMS a user with a phone number, else by email, else not at all', async () => {
      // The API reference names SMS the default (API_AdminCreateUser.html, DesiredDeliveryMediums), and AWS
      // sends SMS to a user with a phone number (https://github.com/reapit/foundations/issues/7052: "if a mobile
      // number is passed in the payload, Cognito will try to send a welcome text rather than an email"); a user
      // with an email and no phone number gets the invitation by email ("if MessageAction is not included,
      // creation will succeed, and the email will be sent":
      // https://medium.com/@lauraannwilliams/amazon-cognito-createadminuser-1329519f5405). Each lands in the
      // development inbox on its channel.
      const id = await pool();
      await create(id, 'pia', { UserAttributes: [{ Name: 'email', Value: 'pia@example.com' }, { Name: 'phone_number', Value: '+15555550102' }] });
      assert.deepEqual((await inbox(id, 'pia')).map((m) => [m.channel, m.destination]), [['sms', '+15555550102']]);
      await create(id, 'quin', { UserAttributes: [{ Name: 'phone_number', Value: '+15555550103' }] });
      assert.deepEqual((await inbox(id, 'quin')).map((m) => [m.channel, m.destination]), [['sms', '+15555550103']]);
      await create(id, 'rae', { UserAttributes: [{ Name: 'email', Value: 'rae@example.com' }] });
      assert.deepEqual((await inbox(id, 'rae')).map((m) => [m.channel, m.destination]), [['email', 'rae@example.com']]);
      // Neither: the user is created and nothing is sent (to invite, "you must specify the user's email address or phone number").
      const { User } = await create(id, 'sol');
      assert.equal(User!.UserStatus, 'FORCE_CHANGE_PASSWORD');
      assert.deepEqual(await inbox(id, 'sol'), []);
      // RESEND chooses alike.
      await create(id, 'rae', { MessageAction: 'RESEND' });
      assert.deepEqual((await inbox(id, 'rae')).map((m) => m.channel), ['email', 'email']);
    });

    it('refuses a named medium the user has no attribute for, creating no one', async () => {
      // AWS's answer for EMAIL: https://github.com/rahulpsd18/cognito-backup-restore/issues/25 and
      // https://github.com/awslabs/sagemaker-dashboards-for-ml/issues/2; SMS is answered in the same form.
      const id = await pool();
      await rejects(create(id, 'tam', { UserAttributes: [{ Name: 'email', Value: 'tam@example.com' }], DesiredDeliveryMediums: ['SMS'] }), 'InvalidParameterException', 'No phone_number provided but desired delivery medium was SMS');
      await rejects(create(id, 'tam', { UserAttributes: [{ Name: 'phone_number', Value: '+15555550104' }], DesiredDeliveryMediums: ['EMAIL', 'SMS'] }), 'InvalidParameterException', 'No email provided but desired delivery medium was Email');
      await rejects(get(id, 'tam'), 'UserNotFoundException', 'User does not exist.');
      assert.deepEqual(await inbox(id, 'tam'), []);
    });

    it('sends by SMS, and by both mediums when both are asked for', async () => {
      const id = await pool();
      await create(id, 'carol', { UserAttributes: [{ Name: 'email', Value: 'carol@example.com' }, { Name: 'phone_number', Value: '+15555550100' }] });
      assert.deepEqual((await inbox(id, 'carol')).map((m) => [m.channel, m.destination]), [['sms', '+15555550100']]);
      await create(id, 'dave', { UserAttributes: [{ Name: 'email', Value: 'dave@example.com' }, { Name: 'phone_number', Value: '+15555550101' }], DesiredDeliveryMediums: ['EMAIL', 'SMS'] });
      const both = await inbox(id, 'dave');
      assert.deepEqual(both.map((m) => m.channel).sort(), ['email', 'sms']);
      assert.equal(both[0].code, both[1].code, 'one temporary password in both messages');
    });

    it('sends nothing with MessageAction SUPPRESS', async () => {
      const id = await pool();
      const { User } = await create(id, 'erin', { UserAttributes: [{ Name: 'email', Value: 'erin@example.com' }], MessageAction: 'SUPPRESS', DesiredDeliveryMediums: ['EMAIL'] });
      assert.equal(User!.UserStatus, 'FORCE_CHANGE_PASSWORD');
      assert.deepEqual(await inbox(id, 'erin'), []);
    });

    it('RESEND sets a new temporary password and sends the invitation again; only to an existing user awaiting it', async () => {
      const id = await pool();
      const email = [{ Name: 'email', Value: 'frank@example.com' }];
      await create(id, 'frank', { UserAttributes: email, DesiredDeliveryMediums: ['EMAIL'] });
      const { User } = await create(id, 'frank', { MessageAction: 'RESEND', DesiredDeliveryMediums: ['EMAIL'] });
      assert.equal(User!.UserStatus, 'FORCE_CHANGE_PASSWORD');
      const [second, first] = await inbox(id, 'frank');
      assert.ok(first && second);
      assert.notEqual(second.code, first.code);
      await create(id, 'frank', { MessageAction: 'RESEND', TemporaryPassword: 'Again-Pass2?', DesiredDeliveryMediums: ['EMAIL'] });
      assert.equal((await inbox(id, 'frank'))[0].code, 'Again-Pass2?');

      await rejects(create(id, 'nobody', { MessageAction: 'RESEND' }), 'UserNotFoundException', 'User does not exist.');
      await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: id, Username: 'frank', Password: 'Chosen-Pass3!', Permanent: true }));
      await rejects(create(id, 'frank', { MessageAction: 'RESEND' }), 'UnsupportedUserStateException', /status is not FORCE_CHANGE_PASSWORD/);
    });

    it('refuses an existing username, a bad password, attributes outside the schema, and a medium the user cannot receive', async () => {
      const id = await pool({ Schema: [{ Name: 'name', AttributeDataType: 'String', Required: true }] });
      const name = [{ Name: 'name', Value: 'Grace' }];
      await create(id, 'grace', { UserAttributes: name, MessageAction: 'SUPPRESS' });
      await rejects(create(id, 'grace', { UserAttributes: name, MessageAction: 'SUPPRESS' }), 'UsernameExistsException', 'User account already exists');
      await rejects(create(id, 'heidi', { UserAttributes: name, TemporaryPassword: 'short' }), 'InvalidPasswordException', 'Password did not conform with policy: Password not long enough');
      await rejects(create(id, 'heidi', { UserAttributes: [...name, { Name: 'shoe_size', Value: '9' }] }), 'InvalidParameterException', /^Attributes did not conform to the schema: shoe_size/);
      await rejects(create(id, 'heidi', { MessageAction: 'SUPPRESS' }), 'InvalidParameterException', 'Attributes did not conform to the schema: name: The attribute is required');
      await rejects(create(id, 'heidi', { UserAttributes: [...name, { Name: 'email', Value: 'not-an-email' }] }), 'InvalidParameterException', 'Invalid email address format.');
      await rejects(create(id, 'heidi', { UserAttributes: name, DesiredDeliveryMediums: ['EMAIL'] }), 'InvalidParameterException', 'No email provided but desired delivery medium was Email');
      await rejects(create('us-east-1_NOPOOL000', 'heidi'), 'ResourceNotFoundException', 'User pool us-east-1_NOPOOL000 does not exist.');
      await rejects(get(id, 'heidi'), 'UserNotFoundException', 'User does not exist.');
    });

    it('in a pool that signs in with email, stores the sub as the username and finds the user by email', async () => {
      const id = await pool({ UsernameAttributes: ['email'] });
      const { User } = await create(id, 'ivan@example.com', { MessageAction: 'SUPPRESS' });
      const a = attrs(User!.Attributes);
      assert.equal(User!.Username, a.sub);
      assert.equal(a.email, 'ivan@example.com');
      const found = await get(id, 'ivan@example.com');
      assert.equal(found.Username, a.sub);
      assert.equal((await get(id, a.sub!)).Username, a.sub);
      await rejects(create(id, 'ivan@example.com', { MessageAction: 'SUPPRESS' }), 'UsernameExistsException', 'An account with the given email already exists.');
      await rejects(create(id, 'ivan', { MessageAction: 'SUPPRESS' }), 'InvalidParameterException', 'Username should be an email.');
      await rejects(
        create(id, 'judy@example.com', { UserAttributes: [{ Name: 'email', Value: 'other@example.com' }], MessageAction: 'SUPPRESS' }),
        'InvalidParameterException', 'User email should be empty or same as username, since username attribute is email',
      );
    });

    it('keeps a verified email alias unique, and ForceAliasCreation moves it to the new user', async () => {
      const id = await pool({ AliasAttributes: ['email'] });
      const verified = (email: string) => [{ Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }];
      await create(id, 'kim', { UserAttributes: verified('shared@example.com'), MessageAction: 'SUPPRESS' });
      assert.equal((await get(id, 'shared@example.com')).Username, 'kim');
      await rejects(create(id, 'lee', { UserAttributes: verified('shared@example.com'), MessageAction: 'SUPPRESS' }), 'AliasExistsException', 'An account with the given email already exists.');
      // Unverified, the email is no alias, so it does not clash.
      await create(id, 'mel', { UserAttributes: [{ Name: 'email', Value: 'shared@example.com' }], MessageAction: 'SUPPRESS' });
      await rejects(create(id, 'x@example.com', { MessageAction: 'SUPPRESS' }), 'InvalidParameterException', 'Username cannot be of email format, since user pool is configured for email alias.');

      await create(id, 'lee', { UserAttributes: verified('shared@example.com'), MessageAction: 'SUPPRESS', ForceAliasCreation: true });
      assert.equal((await get(id, 'shared@example.com')).Username, 'lee');
      assert.equal(attrs((await get(id, 'kim')).UserAttributes).email_verified, 'false');
    });

    it('runs PreSignUp_AdminCreateUser and CustomMessage_AdminCreateUser functions', async () => {
      const id = await pool({ LambdaConfig: { PreSignUp: PRE_SIGN_UP, CustomMessage: CUSTOM_MESSAGE } });
      const { User } = await create(id, 'nina', {
        UserAttributes: [{ Name: 'email', Value: 'nina@trusted.example' }], DesiredDeliveryMediums: ['EMAIL'],
        ValidationData: [{ Name: 'invite', Value: 'abc' }], ClientMetadata: { app: 'Acme' },
      });
      assert.equal(attrs(User!.Attributes).email_verified, 'true', 'the function auto-verified the email');
      const pre = triggerEvents().find((e) => e.triggerSource === 'PreSignUp_AdminCreateUser' && e.userName === 'nina')!;
      assert.deepEqual(pre.request.validationData, { invite: 'abc' });
      assert.deepEqual(pre.request.clientMetadata, { app: 'Acme' });
      assert.deepEqual(pre.request.userAttributes, { email: 'nina@trusted.example' });
      const custom = triggerEvents().find((e) => e.triggerSource === 'CustomMessage_AdminCreateUser' && e.userName === 'nina')!;
      assert.equal(custom.request.usernameParameter, '{username}');
      const [m] = await inbox(id, 'nina');
      assert.equal(m.subject, 'Welcome to Acme');
      assert.equal(m.body, `Sign in as nina with ${m.code}`);

      await rejects(create(id, 'oscar', { ClientMetadata: { refuse: 'yes' } }), 'UserLambdaValidationException', 'PreSignUp failed with error not on the guest list.');
      await rejects(get(id, 'oscar'), 'UserNotFoundException');
    });
  });
});
