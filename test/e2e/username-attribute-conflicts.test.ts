/**
 * In a pool whose users sign in with their email or phone number (UsernameAttributes), giving
 * user B the address user A signs in with. Creating B with it (SignUp, AdminCreateUser) is a
 * username taken: UsernameExistsException "An account with the given email already exists." (a
 * real SignUp answer: https://github.com/aws/aws-sdk-js/issues/4308; SignUp and AdminCreateUser
 * declare UsernameExistsException, not AliasExistsException, in the API model). Changing B's
 * attributes to it (UpdateUserAttributes, AdminUpdateUserAttributes) is an alias taken:
 * AliasExistsException with the same words (https://github.com/getmoto/moto/issues/5271, for a pool
 * with UsernameAttributes ["email"]; the model declares AliasExistsException, and no
 * UsernameExistsException, for both). A's address is A's username whether verified or not, so an
 * unverified one is refused alike.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AdminSetUserPasswordCommand, AdminUpdateUserAttributesCommand, CreateUserPoolClientCommand, InitiateAuthCommand, SignUpCommand, UpdateUserAttributesCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { refused } from '../support/refused.ts';
import { attrs, startAdminUsersRig, type AdminUsersRig } from '../support/admin-users-rig.ts';

const PASSWORD = 'Perm-passw0rd!';
const EMAIL_TAKEN = 'An account with the given email already exists.';

describe('an email or phone number another user signs in with (UsernameAttributes)', () => {
  let rig: AdminUsersRig;
  let pool: string;
  let clientId: string;
  before(async () => {
    rig = await startAdminUsersRig();
    pool = await rig.pool({ UsernameAttributes: ['email', 'phone_number'] });
    clientId = (await rig.cognito.send(new CreateUserPoolClientCommand({ UserPoolId: pool, ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }))).UserPoolClient!.ClientId!;
    await user('ann@example.com', { phone_number: '+15555550111', phone_number_verified: 'true', email_verified: 'true' });
    await user('amy@example.com', { email_verified: 'false' });
    await user('bob@example.com', { email_verified: 'true' });
  });
  after(() => rig.close());

  async function user(email: string, more: Record<string, string>): Promise<void> {
    await rig.create(pool, email, { UserAttributes: Object.entries(more).map(([Name, Value]) => ({ Name, Value })), MessageAction: 'SUPPRESS' });
    await rig.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: pool, Username: email, Password: PASSWORD, Permanent: true }));
  }
  const adminUpdate = (Username: string, Name: string, Value: string) =>
    rig.cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: pool, Username, UserAttributes: [{ Name, Value }] }));
  const selfUpdate = async (Username: string, Name: string, Value: string) => {
    const { AuthenticationResult } = await rig.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: Username, PASSWORD } }));
    return rig.cognito.send(new UpdateUserAttributesCommand({ AccessToken: AuthenticationResult!.AccessToken, UserAttributes: [{ Name, Value }] }));
  };

  it('AdminUpdateUserAttributes: AliasExistsException, for a verified address or not', async () => {
    await refused(adminUpdate('bob@example.com', 'email', 'ann@example.com'), 'AliasExistsException', EMAIL_TAKEN);
    await refused(adminUpdate('bob@example.com', 'email', 'AMY@example.com'), 'AliasExistsException', EMAIL_TAKEN);
    await refused(adminUpdate('bob@example.com', 'phone_number', '+15555550111'), 'AliasExistsException', 'An account with the given phone_number already exists.');
    assert.equal(attrs((await rig.get(pool, 'bob@example.com')).UserAttributes).email, 'bob@example.com', 'nothing changed');
  });

  it('UpdateUserAttributes: AliasExistsException, for a verified address or not', async () => {
    await refused(selfUpdate('bob@example.com', 'email', 'ann@example.com'), 'AliasExistsException', EMAIL_TAKEN);
    await refused(selfUpdate('bob@example.com', 'email', 'amy@example.com'), 'AliasExistsException', EMAIL_TAKEN);
    await refused(selfUpdate('bob@example.com', 'phone_number', '+15555550111'), 'AliasExistsException', 'An account with the given phone_number already exists.');
    assert.equal(attrs((await rig.get(pool, 'bob@example.com')).UserAttributes).email, 'bob@example.com', 'nothing changed');
  });

  it('SignUp and AdminCreateUser: UsernameExistsException, as before', async () => {
    await refused(rig.cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'ann@example.com', Password: PASSWORD })), 'UsernameExistsException', EMAIL_TAKEN);
    await refused(rig.cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'amy@example.com', Password: PASSWORD })), 'UsernameExistsException', EMAIL_TAKEN);
    await refused(rig.create(pool, 'ann@example.com', { MessageAction: 'SUPPRESS' }), 'UsernameExistsException', EMAIL_TAKEN);
  });
});
