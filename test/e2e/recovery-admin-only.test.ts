/**
 * ForgotPassword in a pool whose AccountRecoverySetting is admin_only: NotAuthorizedException
 * "Contact administrator to reset password.", for any name (AWS: admin_only is for "when the
 * administrator does not want the user to recover their account themselves", and "cannot be used
 * with any other account recovery mechanism":
 * https://docs.aws.amazon.com/cognito/latest/developerguide/how-to-recover-a-user-account.html;
 * the wording, answered whether the user exists or not, as moto answers it after checking it
 * against AWS: https://github.com/getmoto/moto/pull/4469). The answer is the pool's, the same for
 * every name, so a client that hides whether users exist answers it too: it tells nothing of users.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AdminSetUserPasswordCommand, CreateUserPoolClientCommand, ForgotPasswordCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { refused } from '../support/refused.ts';
import { startAdminUsersRig, type AdminUsersRig } from '../support/admin-users-rig.ts';

const CONTACT = 'Contact administrator to reset password.';

describe('ForgotPassword where only an administrator resets passwords', () => {
  let rig: AdminUsersRig;
  let pool: string;
  before(async () => {
    rig = await startAdminUsersRig();
    pool = await rig.pool({ AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'admin_only', Priority: 1 }] } });
    await rig.create(pool, 'ann', { UserAttributes: [{ Name: 'email', Value: 'ann@example.com' }, { Name: 'email_verified', Value: 'true' }], MessageAction: 'SUPPRESS' });
    await rig.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: pool, Username: 'ann', Password: 'Perm-passw0rd!', Permanent: true }));
  });
  after(() => rig.close());

  const client = async (PreventUserExistenceErrors: 'LEGACY' | 'ENABLED') =>
    (await rig.cognito.send(new CreateUserPoolClientCommand({ UserPoolId: pool, ClientName: PreventUserExistenceErrors, PreventUserExistenceErrors, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }))).UserPoolClient!.ClientId!;
  const forgot = (ClientId: string, Username: string) => rig.cognito.send(new ForgotPasswordCommand({ ClientId, Username }));

  for (const mode of ['LEGACY', 'ENABLED'] as const) {
    it(`answers NotAuthorizedException for a user and for a name nobody holds (PreventUserExistenceErrors ${mode})`, async () => {
      const clientId = await client(mode);
      await refused(forgot(clientId, 'ann'), 'NotAuthorizedException', CONTACT);
      await refused(forgot(clientId, 'ann@example.com'), 'NotAuthorizedException', CONTACT);
      await refused(forgot(clientId, 'nobody-here'), 'NotAuthorizedException', CONTACT);
      assert.deepEqual(await rig.inbox(pool, 'ann'), [], 'no code was sent');
      // The user still signs in with the password they have.
      const out = await rig.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ann', PASSWORD: 'Perm-passw0rd!' } }));
      assert.ok(out.AuthenticationResult?.AccessToken);
    });
  }
});
