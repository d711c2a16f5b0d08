/**
 * The access token of a user an administrator deleted (AdminDeleteUser), presented to every
 * operation that takes one: Cognito answers UserNotFoundException "User does not exist.", not a
 * revoked token. Reports of real answers:
 * - GetUser after the user was deleted, from Amplify's currentAuthenticatedUser:
 *   https://github.com/aws-amplify/amplify-js/issues/1289
 * - DeleteUser with a deleted user's token answers "user not found" (Amplify signs out on it):
 *   https://github.com/aws-amplify/amplify-swift/pull/2812
 * - The wording, "User does not exist." (UserNotFoundException), for a user deleted in the console
 *   while the app still held its tokens: https://github.com/aws-amplify/aws-sdk-android/issues/366
 * A token revoked while its user still exists keeps its own answer (test/e2e/sign-out.test.ts).
 */
import { after, before, describe, it } from 'node:test';
import {
  AdminDeleteUserCommand, ChangePasswordCommand, DeleteUserAttributesCommand, DeleteUserCommand, GetUserAttributeVerificationCodeCommand,
  GetUserCommand, GlobalSignOutCommand, UpdateUserAttributesCommand, VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import assert from 'node:assert/strict';
import { refused, startSelfRig, type SelfRig } from '../support/self-rig.ts';

describe('the access token of a deleted user', () => {
  let rig: SelfRig;
  before(async () => {
    rig = await startSelfRig();
  });
  after(() => rig.close());

  const operations: Record<string, (AccessToken: string) => Promise<unknown>> = {
    GetUser: (AccessToken) => rig.cognito.send(new GetUserCommand({ AccessToken })),
    UpdateUserAttributes: (AccessToken) => rig.cognito.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'custom:team', Value: 'red' }] })),
    GetUserAttributeVerificationCode: (AccessToken) => rig.cognito.send(new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: 'email' })),
    VerifyUserAttribute: (AccessToken) => rig.cognito.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: '123456' })),
    DeleteUserAttributes: (AccessToken) => rig.cognito.send(new DeleteUserAttributesCommand({ AccessToken, UserAttributeNames: ['custom:team'] })),
    ChangePassword: (AccessToken) => rig.cognito.send(new ChangePasswordCommand({ AccessToken, PreviousPassword: 'Old-passw0rd', ProposedPassword: 'New-passw0rd' })),
    DeleteUser: (AccessToken) => rig.cognito.send(new DeleteUserCommand({ AccessToken })),
    GlobalSignOut: (AccessToken) => rig.cognito.send(new GlobalSignOutCommand({ AccessToken })),
  };
  const adminDelete = (username: string) => rig.cognito.send(new AdminDeleteUserCommand({ UserPoolId: rig.pool.id, Username: username }));

  for (const [name, call] of Object.entries(operations)) {
    it(`${name}: UserNotFoundException once AdminDeleteUser removed the user`, async () => {
      const user = await rig.newUser();
      const { AccessToken } = await rig.tokensFor(user);
      await adminDelete(user.username);
      await refused(call(AccessToken), 'UserNotFoundException', 'User does not exist.');
    });
  }

  it('a token signed out everywhere, then its user deleted: the user is gone, and that is the answer', async () => {
    const user = await rig.newUser();
    const { AccessToken } = await rig.tokensFor(user);
    await operations.GlobalSignOut(AccessToken);
    await refused(operations.GetUser(AccessToken), 'NotAuthorizedException', 'Access Token has been revoked');
    await adminDelete(user.username);
    await refused(operations.GetUser(AccessToken), 'UserNotFoundException', 'User does not exist.');
  });

  // Decided: a token names its user by sub, which is never given twice. A user created again
  // under the same username is another person, whom the old token must not reach; it names no
  // user, so it answers as for a deleted one.
  it('is not accepted for a new user created under the same username', async () => {
    const user = await rig.newUser();
    const old = await rig.tokensFor(user);
    await adminDelete(user.username);
    const again = await rig.newUser({ username: user.username });
    assert.notEqual(again.sub, user.sub);
    for (const call of Object.values(operations)) await refused(call(old.AccessToken), 'UserNotFoundException', 'User does not exist.');
    assert.equal((await rig.stored(again)).attributes['custom:team'], 'blue', 'nothing reached the new user');
    const fresh = await rig.tokensFor(again);
    assert.equal((await rig.cognito.send(new GetUserCommand({ AccessToken: fresh.AccessToken }))).Username, user.username);
  });
});
