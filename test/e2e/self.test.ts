/**
 * GetUser, and the access-token errors of the operations a signed-in user calls on themself, driven
 * with the AWS SDK for JavaScript v3 and real access tokens from the token service (the server:
 * test/support/self-rig.ts).
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { CreateUserPoolClientCommand, DeleteUserAttributesCommand, DeleteUserCommand, DeleteUserPoolClientCommand, GetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { userKeys } from '../../src/domain/user.ts';
import { rawCall } from './harness.ts';
import { refused, startSelfRig, type SelfRig } from '../support/self-rig.ts';

const TARGET = 'AWSCognitoIdentityProviderService.';

describe('operations a signed-in user calls on themself', () => {
  let rig: SelfRig;
  let app: SelfRig['app'];
  let url: string;
  let cognito: SelfRig['cognito'];
  let pool: SelfRig['pool'];
  let limited: SelfRig['limited'];
  before(async () => {
    rig = await startSelfRig();
    ({ app, url, cognito, pool, limited } = rig);
  });
  after(() => rig.close());
  beforeEach(() => {
    rig.clock.offset = 0;
  });
  const newUser: SelfRig['newUser'] = (...a) => rig.newUser(...a);
  const tokensFor: SelfRig['tokensFor'] = (...a) => rig.tokensFor(...a);
  const stored: SelfRig['stored'] = (...a) => rig.stored(...a);

  describe('GetUser', () => {
    it('answers the username and every attribute but developer-only ones, without a signature', async () => {
      const user = await newUser();
      const { AccessToken } = await tokensFor(user);
      const out = await cognito.send(new GetUserCommand({ AccessToken }));
      assert.equal(out.Username, user.username);
      const attrs = Object.fromEntries(out.UserAttributes!.map((a) => [a.Name, a.Value]));
      assert.deepEqual(attrs, {
        sub: user.sub, given_name: 'Alice', family_name: 'Liddell', email: user.attributes.email, email_verified: 'true',
        'custom:team': 'blue', 'custom:badge': 'b-17',
      });
      assert.equal(out.MFAOptions, undefined);
      assert.equal(out.PreferredMfaSetting, undefined);
      assert.equal(out.UserMFASettingList, undefined);

      // Clients send GetUser unsigned: no Authorization header at all.
      const raw = await rawCall(url, `${TARGET}GetUser`, JSON.stringify({ AccessToken }));
      assert.equal(raw.status, 200);
      assert.equal(raw.body.Username, user.username);
    });

    it('shows only what the app client may read (and sub), and never a value pending verification', async () => {
      const user = await newUser({ pending: { email: 'new@example.com' } });
      const { AccessToken } = await tokensFor(user, limited);
      const out = await cognito.send(new GetUserCommand({ AccessToken }));
      const attrs = Object.fromEntries(out.UserAttributes!.map((a) => [a.Name, a.Value]));
      assert.deepEqual(attrs, { sub: user.sub, email: user.attributes.email, email_verified: 'true', 'custom:team': 'blue' });
    });

    it('answers the MFA settings the user has', async () => {
      const user = await newUser({
        attributes: { sub: '2f0d7c1e-9a3b-4c5d-8e6f-aaaaaaaaaaaa', given_name: 'Bob', phone_number: '+15555550100', phone_number_verified: 'true' },
        sub: '2f0d7c1e-9a3b-4c5d-8e6f-aaaaaaaaaaaa',
        settings: {
          MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }],
          PreferredMfaSetting: 'SMS_MFA',
          UserMFASettingList: ['SMS_MFA'],
        },
      });
      const { AccessToken } = await tokensFor(user);
      const out = await cognito.send(new GetUserCommand({ AccessToken }));
      assert.deepEqual(out.MFAOptions, [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }]);
      assert.equal(out.PreferredMfaSetting, 'SMS_MFA');
      assert.deepEqual(out.UserMFASettingList, ['SMS_MFA']);
    });

    it('refuses a request without an access token, with AWS’s validation message', async () => {
      const raw = await rawCall(url, `${TARGET}GetUser`, '{}');
      assert.equal(raw.status, 400);
      assert.equal(raw.body.__type, 'InvalidParameterException');
      assert.match(raw.body.message, /Value null at 'accessToken' failed to satisfy constraint: Member must not be null/);
    });
  });

  describe('access-token errors, the same for all three operations', () => {
    const operations = {
      GetUser: (AccessToken: string) => cognito.send(new GetUserCommand({ AccessToken })),
      DeleteUser: (AccessToken: string) => cognito.send(new DeleteUserCommand({ AccessToken })),
      DeleteUserAttributes: (AccessToken: string) => cognito.send(new DeleteUserAttributesCommand({ AccessToken, UserAttributeNames: ['custom:team'] })),
    };

    for (const [name, call] of Object.entries(operations)) {
      it(`${name}: bad, ID, expired and revoked tokens`, async () => {
        const user = await newUser();
        const t = await tokensFor(user);
        await refused(call('not.a.token'), 'NotAuthorizedException', 'Invalid Access Token');
        await refused(call(t.IdToken), 'NotAuthorizedException', 'Invalid Access Token');
        rig.clock.offset = 3601_000;
        await refused(call(t.AccessToken), 'NotAuthorizedException', 'Access Token has expired');
        rig.clock.offset = 0;
        await app.store.tokens.revokeAllForUser(pool.id, user.sub, Date.now());
        await refused(call(t.AccessToken), 'NotAuthorizedException', 'Access Token has been revoked');
        assert.equal((await stored(user)).attributes['custom:team'], 'blue', 'nothing changed');
      });

      it(`${name}: a disabled user, a deleted user, a deleted app client`, async () => {
        const user = await newUser();
        const { AccessToken } = await tokensFor(user);
        const current = await stored(user);
        await app.store.users.update({ ...current, enabled: false }, userKeys(pool.config, current));
        await refused(call(AccessToken), 'NotAuthorizedException', 'User is disabled.');
        assert.ok(await app.store.users.get(pool.id, user.sub), 'a disabled user cannot delete themself');
        await app.store.users.delete(pool.id, user.sub);
        await refused(call(AccessToken), 'UserNotFoundException', 'User does not exist.');

        const other = await newUser();
        const doomedId = (await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: pool.id, ClientName: 'doomed' }))).UserPoolClient!.ClientId!;
        const doomed = (await app.store.clients.get(pool.id, doomedId))!;
        const t = await tokensFor(other, doomed);
        await cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: pool.id, ClientId: doomedId }));
        await refused(call(t.AccessToken), 'ResourceNotFoundException', `User pool client ${doomedId} does not exist.`);
        assert.ok(await app.store.users.get(pool.id, other.sub));
      });
    }
  });
});
