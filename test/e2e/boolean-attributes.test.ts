/**
 * Boolean attribute values in any case. Cognito takes email_verified (and other Boolean
 * attributes) as "True", "TRUE" or "False", and keeps the value as written: Amplify read back
 * "True" for an email_verified an administrator set that way, and took it for unverified, until it
 * compared without case (https://github.com/aws-amplify/amplify-js/issues/8205; AWS's own
 * AdminCreateUser documentation writes the value "True":
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminCreateUser.html).
 * Such a value counts as verified wherever that matters: sign-in with an email alias, account
 * recovery, the verified value kept while a new one waits (AttributesRequireVerificationBeforeUpdate),
 * the ID token's boolean claim.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AdminSetUserPasswordCommand, AdminUpdateUserAttributesCommand, CreateUserPoolClientCommand, ForgotPasswordCommand, InitiateAuthCommand,
  UpdateUserAttributesCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { refused } from '../support/refused.ts';
import { attrs, startAdminUsersRig, type AdminUsersRig } from '../support/admin-users-rig.ts';

const PASSWORD = 'Perm-passw0rd!';

describe('Boolean attribute values in any case', () => {
  let rig: AdminUsersRig;
  before(async () => {
    rig = await startAdminUsersRig();
  });
  after(() => rig.close());

  const client = async (UserPoolId: string) =>
    (await rig.cognito.send(new CreateUserPoolClientCommand({ UserPoolId, ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }))).UserPoolClient!.ClientId!;
  const user = async (UserPoolId: string, Username: string, attributes: Record<string, string>) => {
    await rig.create(UserPoolId, Username, { UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })), MessageAction: 'SUPPRESS' });
    await rig.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId, Username, Password: PASSWORD, Permanent: true }));
  };
  const update = (UserPoolId: string, Username: string, attributes: Record<string, string>) =>
    rig.cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId, Username, UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })) }));

  it('are accepted for the verified flags and custom Boolean attributes, and kept as written', async () => {
    const id = await rig.pool({ Schema: [{ Name: 'vip', AttributeDataType: 'Boolean', Mutable: true }] });
    await user(id, 'ada', { email: 'ada@example.com', email_verified: 'True', phone_number: '+15555550101', phone_number_verified: 'FALSE', 'custom:vip': 'tRUe' });
    const a = attrs((await rig.get(id, 'ada')).UserAttributes);
    assert.equal(a.email_verified, 'True');
    assert.equal(a.phone_number_verified, 'FALSE');
    assert.equal(a['custom:vip'], 'tRUe');
    await update(id, 'ada', { 'custom:vip': 'False' });
    assert.equal(attrs((await rig.get(id, 'ada')).UserAttributes)['custom:vip'], 'False');
    // Other words are still refused.
    await refused(update(id, 'ada', { email_verified: 'yes' }), 'InvalidParameterException', "Attributes did not conform to the schema: email_verified: Boolean attribute must be 'true' or 'false'");
    await refused(update(id, 'ada', { 'custom:vip': '1' }), 'InvalidParameterException', "Attributes did not conform to the schema: custom:vip: Boolean attribute must be 'true' or 'false'");
  });

  it('an email verified as "True" signs in as an alias, and the ID token says true', async () => {
    const id = await rig.pool({ AliasAttributes: ['email'] });
    const clientId = await client(id);
    await user(id, 'kim', { email: 'kim@example.com', email_verified: 'True' });
    const out = await rig.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'kim@example.com', PASSWORD } }));
    const claims = decodeJwt(out.AuthenticationResult!.IdToken!);
    assert.equal(claims['cognito:username'], 'kim');
    assert.equal(claims.email_verified, true);
    // The alias is held: another user may not verify the same address, unless unverified ("FALSE").
    await refused(rig.create(id, 'lee', { UserAttributes: [{ Name: 'email', Value: 'kim@example.com' }, { Name: 'email_verified', Value: 'TRUE' }], MessageAction: 'SUPPRESS' }),
      'AliasExistsException', 'An account with the given email already exists.');
    await user(id, 'lee', { email: 'kim@example.com', email_verified: 'FALSE' });
    // "False" takes the alias away: the address names nobody (the client does not hide users).
    await update(id, 'kim', { email_verified: 'False' });
    await refused(rig.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'kim@example.com', PASSWORD } })),
      'UserNotFoundException', 'User does not exist.');
  });

  it('ForgotPassword sends the code to an email verified as "TRUE", and to none verified as "False"', async () => {
    const id = await rig.pool({ AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] } });
    const clientId = await client(id);
    await user(id, 'max', { email: 'max@example.com', email_verified: 'TRUE' });
    await user(id, 'ned', { email: 'ned@example.com', email_verified: 'False' });
    const { CodeDeliveryDetails } = await rig.cognito.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'max' }));
    assert.deepEqual(CodeDeliveryDetails, { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'm***@e***' });
    assert.equal((await rig.inbox(id, 'max')).at(-1)!.destination, 'max@example.com');
    await refused(rig.cognito.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'ned' })),
      'InvalidParameterException', 'Cannot reset password for the user as there is no registered/verified email or phone_number');
  });

  it('an email verified as "True" stays in force while a new one waits for verification; "TRUE" verifies the waiting one', async () => {
    const id = await rig.pool({ AutoVerifiedAttributes: ['email'], UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] } });
    await user(id, 'oli', { email: 'oli@example.com', email_verified: 'True' });
    await update(id, 'oli', { email: 'oli@new.example' });
    let a = attrs((await rig.get(id, 'oli')).UserAttributes);
    assert.equal(a.email, 'oli@example.com', 'the verified value stays until the new one is verified');
    assert.equal((await rig.inbox(id, 'oli')).at(-1)!.destination, 'oli@new.example');
    await update(id, 'oli', { email_verified: 'TRUE' });
    a = attrs((await rig.get(id, 'oli')).UserAttributes);
    assert.equal(a.email, 'oli@new.example');
    assert.equal(a.email_verified, 'TRUE');
  });

  it('UpdateUserAttributes: a signed-in user\'s new email waits while the one verified as "True" stays', async () => {
    const id = await rig.pool({ AutoVerifiedAttributes: ['email'], UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] } });
    const clientId = await client(id);
    await user(id, 'pia', { email: 'pia@example.com', email_verified: 'True' });
    const { AuthenticationResult } = await rig.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'pia', PASSWORD } }));
    await rig.cognito.send(new UpdateUserAttributesCommand({ AccessToken: AuthenticationResult!.AccessToken, UserAttributes: [{ Name: 'email', Value: 'pia@new.example' }] }));
    const a = attrs((await rig.get(id, 'pia')).UserAttributes);
    assert.equal(a.email, 'pia@example.com');
    assert.equal(a.email_verified, 'True');
  });
});
