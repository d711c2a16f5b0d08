/**
 * DeleteUser and DeleteUserAttributes, a signed-in user's own, driven with the AWS SDK for
 * JavaScript v3 and real access tokens from the token service (the server: test/support/self-rig.ts).
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { DeleteUserAttributesCommand, DeleteUserCommand, GetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { hashRefreshToken } from '../../src/services/tokens/refresh.ts';
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

  describe('DeleteUser', () => {
    // The user's tokens then name nobody: UserNotFoundException, as Cognito answers a deleted
    // user's token (test/e2e/deleted-user-tokens.test.ts), though their rows are revoked as well.
    it('deletes the user and revokes every token they hold', async () => {
      const user = await newUser();
      const a = await tokensFor(user);
      const b = await tokensFor(user, limited);
      assert.deepEqual(await cognito.send(new DeleteUserCommand({ AccessToken: a.AccessToken })).then(({ $metadata, ...rest }) => rest), {});
      assert.equal(await app.store.users.get(pool.id, user.sub), undefined);
      assert.equal(await app.store.users.getByAlias(pool.id, 'email', user.attributes.email), undefined, 'the alias is free again');
      for (const t of [a, b]) {
        assert.ok((await app.store.tokens.getRefresh(hashRefreshToken(t.RefreshToken!)))!.revokedAt !== null);
        await refused(cognito.send(new GetUserCommand({ AccessToken: t.AccessToken })), 'UserNotFoundException', 'User does not exist.');
      }
      // The username can be taken again, by a new user with a new sub.
      const again = await newUser({ username: user.username });
      const { AccessToken } = await tokensFor(again);
      assert.equal((await cognito.send(new GetUserCommand({ AccessToken }))).Username, user.username);
    });

    it('leaves other users alone', async () => {
      const alice = await newUser();
      const bob = await newUser();
      await cognito.send(new DeleteUserCommand({ AccessToken: (await tokensFor(alice)).AccessToken }));
      const { AccessToken } = await tokensFor(bob);
      assert.equal((await cognito.send(new GetUserCommand({ AccessToken }))).Username, bob.username);
    });
  });

  describe('DeleteUserAttributes', () => {
    const remove = (AccessToken: string, ...UserAttributeNames: string[]) => cognito.send(new DeleteUserAttributesCommand({ AccessToken, UserAttributeNames }));

    it('removes attributes; email takes email_verified, its pending value and its alias with it', async () => {
      const user = await newUser({ pending: { email: 'next@example.com' } });
      const { AccessToken } = await tokensFor(user);
      rig.clock.offset = 5_000;
      const out = await remove(AccessToken, 'email', 'custom:team', 'website');
      rig.clock.offset = 0;
      assert.deepEqual(Object.keys(out).filter((k) => k !== '$metadata'), []);
      const after = await stored(user);
      assert.deepEqual(after.attributes, { sub: user.sub, given_name: 'Alice', family_name: 'Liddell', 'custom:badge': 'b-17', 'dev:custom:secret': 's3cret' });
      assert.deepEqual(after.pending, {});
      assert.ok(after.lastModifiedAt > user.lastModifiedAt);
      assert.equal(after.version, user.version + 1);
      assert.equal(await app.store.users.getByAlias(pool.id, 'email', user.attributes.email), undefined, 'no longer signs in with the email');
      const got = await cognito.send(new GetUserCommand({ AccessToken }));
      assert.deepEqual(got.UserAttributes!.map((a) => a.Name).sort(), ['custom:badge', 'family_name', 'given_name', 'sub']);
    });

    it('answers success for an attribute the user does not have, and changes nothing', async () => {
      const user = await newUser();
      const { AccessToken } = await tokensFor(user);
      await remove(AccessToken, 'nickname', 'nickname');
      assert.deepEqual((await stored(user)).attributes, user.attributes);
    });

    it('refuses attributes the app client may not write: outside the schema, developer-only, sub', async () => {
      const user = await newUser();
      const { AccessToken } = await tokensFor(user);
      for (const name of ['custom:nothere', 'dev:custom:secret', 'custom:secret', 'sub']) {
        await refused(remove(AccessToken, name), 'NotAuthorizedException', 'A client attempted to write unauthorized attribute');
      }
      assert.deepEqual((await stored(user)).attributes, user.attributes);
    });

    it('holds the app client to its WriteAttributes', async () => {
      const user = await newUser();
      const { AccessToken } = await tokensFor(user, limited);
      await refused(remove(AccessToken, 'custom:team', 'email'), 'NotAuthorizedException', 'A client attempted to write unauthorized attribute');
      assert.equal((await stored(user)).attributes['custom:team'], 'blue', 'all or nothing');
      await remove(AccessToken, 'custom:team', 'family_name');
      const after = await stored(user);
      assert.equal(after.attributes['custom:team'], undefined);
      assert.equal(after.attributes.family_name, undefined);
    });

    it('refuses required, immutable and verified-flag attributes, changing nothing', async () => {
      const user = await newUser();
      const { AccessToken } = await tokensFor(user);
      await refused(remove(AccessToken, 'custom:team', 'given_name'), 'InvalidParameterException', 'user.given_name: The attribute is required\n');
      await refused(remove(AccessToken, 'custom:badge'), 'InvalidParameterException', 'user.custom:badge: Attribute cannot be updated.\n');
      await refused(remove(AccessToken, 'email_verified'), 'InvalidParameterException', /email_verified/);
      assert.deepEqual((await stored(user)).attributes, user.attributes);
    });

    it('names every attribute that must stay in one answer, a line each', async () => {
      // AWS lists the attributes of a user's change it refuses as lines "user.<name>: <reason>", each ended by a
      // newline: https://github.com/aws-amplify/amplify-flutter/issues/1531 (five unknown attributes in one
      // UpdateUserAttributes answer), https://github.com/aws-amplify/amplify-flutter/issues/509 (the newline after the last).
      const user = await newUser();
      const { AccessToken } = await tokensFor(user);
      await refused(remove(AccessToken, 'given_name', 'custom:team', 'custom:badge', 'given_name'), 'InvalidParameterException',
        'user.given_name: The attribute is required\nuser.custom:badge: Attribute cannot be updated.\n');
      assert.deepEqual((await stored(user)).attributes, user.attributes, 'nothing removed');
      // What the app client may not write at all is refused first, whatever else the request names.
      await refused(remove(AccessToken, 'given_name', 'custom:nothere'), 'NotAuthorizedException', 'A client attempted to write unauthorized attribute');
    });

    it('refuses an unconfirmed user and one who must reset their password', async () => {
      const unconfirmed = await newUser({ status: 'UNCONFIRMED' });
      await refused(remove((await tokensFor(unconfirmed)).AccessToken, 'custom:team'), 'UserNotConfirmedException', 'User is not confirmed.');
      const reset = await newUser({ status: 'RESET_REQUIRED' });
      await refused(remove((await tokensFor(reset)).AccessToken, 'custom:team'), 'PasswordResetRequiredException', 'Password reset required for the user');
      assert.equal((await stored(reset)).attributes['custom:team'], 'blue');
    });

    it('checks the names against the model first', async () => {
      const user = await newUser();
      const { AccessToken } = await tokensFor(user);
      const raw = await rawCall(url, `${TARGET}DeleteUserAttributes`, JSON.stringify({ AccessToken, UserAttributeNames: ['x'.repeat(33)] }));
      assert.equal(raw.status, 400);
      assert.equal(raw.body.__type, 'InvalidParameterException');
      assert.match(raw.body.message, /^1 validation error detected: .*userAttributeNames/);
    });
  });
});
