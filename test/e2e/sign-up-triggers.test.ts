/**
 * Sign-up's trigger functions (PreSignUp, PostConfirmation, CustomMessage) run from local modules,
 * through the AWS SDK for JavaScript v3 (the server: test/support/sign-up-rig.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ConfirmSignUpCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { refused } from '../support/refused.ts';
import { fn, PASSWORD, startSignUpRig, type SignUpRig } from '../support/sign-up-rig.ts';

describe('sign-up', () => {
  let rig: SignUpRig;
  let cognito: CognitoIdentityProviderClient;
  let logs: SignUpRig['logs'];
  before(async () => {
    rig = await startSignUpRig();
    ({ cognito, logs } = rig);
  });
  after(() => rig.close());
  const setUp: SignUpRig['setUp'] = (...a) => rig.setUp(...a);
  const inbox: SignUpRig['inbox'] = (...a) => rig.inbox(...a);
  const latestCode: SignUpRig['latestCode'] = (...a) => rig.latestCode(...a);
  const stored: SignUpRig['stored'] = (...a) => rig.stored(...a);
  const events: SignUpRig['events'] = (...a) => rig.events(...a);

  describe('trigger functions', () => {
    it('PreSignUp confirms and verifies the user; PostConfirmation runs with the ClientMetadata', async () => {
      const { poolId, clientId } = await setUp({ AutoVerifiedAttributes: ['email'], LambdaConfig: { PreSignUp: fn('auto-confirm'), PostConfirmation: fn('post-confirmation') } });
      const out = await cognito.send(new SignUpCommand({
        ClientId: clientId, Username: 'uma', Password: PASSWORD,
        UserAttributes: [{ Name: 'email', Value: 'uma@example.com' }],
        ValidationData: [{ Name: 'invite', Value: 'i-42' }],
        ClientMetadata: { campaign: 'spring' },
      }));
      assert.equal(out.UserConfirmed, true);
      assert.equal(out.CodeDeliveryDetails, undefined);
      assert.deepEqual(await inbox(poolId, 'uma'), []);
      const user = await stored(poolId, 'uma');
      assert.equal(user.status, 'CONFIRMED');
      assert.equal(user.attributes.email_verified, 'true');

      const pre = events(logs.preSignUp).filter((e) => e.userPoolId === poolId);
      assert.equal(pre.length, 1);
      assert.equal(pre[0].triggerSource, 'PreSignUp_SignUp');
      assert.equal(pre[0].userName, 'uma');
      assert.equal(pre[0].callerContext.clientId, clientId);
      assert.deepEqual(pre[0].request.validationData, { invite: 'i-42' });
      assert.deepEqual(pre[0].request.clientMetadata, { campaign: 'spring' });
      assert.equal(pre[0].request.userAttributes.email, 'uma@example.com');

      const post = events(logs.postConfirmation).filter((e) => e.userPoolId === poolId);
      assert.equal(post.length, 1);
      assert.equal(post[0].triggerSource, 'PostConfirmation_ConfirmSignUp');
      assert.deepEqual(post[0].request.clientMetadata, { campaign: 'spring' });
      assert.equal(post[0].request.userAttributes.email_verified, 'true');
    });

    it('a PreSignUp function that throws refuses the sign-up', async () => {
      const { poolId, clientId } = await setUp({ LambdaConfig: { PreSignUp: fn('reject') } });
      await refused(cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'vic', Password: PASSWORD })), 'UserLambdaValidationException', 'PreSignUp failed with error Sign-ups are closed.');
      assert.equal(await stored(poolId, 'vic'), undefined);
    });

    it('a PreSignUp function may not verify without confirming', async () => {
      const { poolId, clientId } = await setUp({ LambdaConfig: { PreSignUp: fn('verify-only') } });
      await refused(
        cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'wes', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'wes@example.com' }] })),
        'InvalidParameterException', 'Phone or email cannot be auto verified, when user is not being auto confirmed.',
      );
      assert.equal(await stored(poolId, 'wes'), undefined);
    });

    it('CustomMessage shapes the sign-up and resent messages; ConfirmSignUp passes its ClientMetadata to PostConfirmation', async () => {
      const { poolId, clientId } = await setUp({ AutoVerifiedAttributes: ['email'], LambdaConfig: { CustomMessage: fn('custom-message'), PostConfirmation: fn('post-confirmation') } });
      await cognito.send(new SignUpCommand({
        ClientId: clientId, Username: 'xena', Password: PASSWORD,
        UserAttributes: [{ Name: 'email', Value: 'xena@example.com' }, { Name: 'name', Value: 'Xena' }],
        ClientMetadata: { app: 'Acme' },
      }));
      let [message] = await inbox(poolId, 'xena');
      assert.equal(message.subject, 'Welcome to Acme');
      assert.equal(message.body, `Hello Xena, your code is ${message.code}`);

      await cognito.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'xena' }));
      [message] = await inbox(poolId, 'xena');
      assert.equal(message.body, `Once more: ${message.code}`);

      await cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'xena', ConfirmationCode: message.code, ClientMetadata: { source: 'e2e' } }));
      const post = events(logs.postConfirmation).filter((e) => e.userPoolId === poolId);
      assert.equal(post.length, 1);
      assert.equal(post[0].triggerSource, 'PostConfirmation_ConfirmSignUp');
      assert.equal(post[0].userName, 'xena');
      assert.equal(post[0].callerContext.clientId, clientId);
      assert.deepEqual(post[0].request.clientMetadata, { source: 'e2e' });
      assert.equal(post[0].request.userAttributes.email_verified, 'true');
      assert.equal(post[0].request.userAttributes['cognito:user_status'], 'CONFIRMED');
    });

    it('a failing PostConfirmation function fails ConfirmSignUp, and the user stays confirmed', async () => {
      const { poolId, clientId } = await setUp({ AutoVerifiedAttributes: ['email'], LambdaConfig: { PostConfirmation: fn('post-confirmation-fails') } });
      await cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'yuri', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'yuri@example.com' }] }));
      const code = await latestCode(poolId, 'yuri');
      await refused(cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'yuri', ConfirmationCode: code })), 'UserLambdaValidationException', 'PostConfirmation failed with error welcome mail failed.');
      assert.equal((await stored(poolId, 'yuri')).status, 'CONFIRMED');
    });
  });
});
