/**
 * The heart, as users walk it: a signed-in user asks for a code for their email or phone, gets
 * masked CodeDeliveryDetails, reads the code (inbox, or a real SMTP server), and verifies it; with
 * and without a pending update; shaped by a CustomMessage function that uses the ClientMetadata.
 */
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  GetUserAttributeVerificationCodeCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { startSmtpPeer, type SmtpPeer } from '../support/smtp-peer.ts';
import { startRig, type Rig } from '../support/rig.ts';

const EXAMPLE = resolve(new URL('../../examples/triggers/custom-message.ts', import.meta.url).pathname);
const CUSTOM_MESSAGE = 'arn:aws:lambda:us-east-1:000000000000:function:custom-message';
const SES_IDENTITY = 'arn:aws:ses:us-east-1:000000000000:identity/example.com';

describe('attribute verification flows', () => {
  let rig: Rig;
  let smtp: SmtpPeer;
  before(async () => {
    smtp = await startSmtpPeer();
    rig = await startRig({
      config: {
        functions: { [CUSTOM_MESSAGE]: { module: `${EXAMPLE}#handler` } },
        delivery: {
          mode: 'route',
          channels: { mail: { type: 'smtp', url: `smtp://127.0.0.1:${smtp.port}`, timeoutMs: 3000 } },
          defaultEmail: { channel: 'capture' },
          defaultSms: { channel: 'capture' },
          emailIdentities: { [SES_IDENTITY]: { channel: 'mail', from: 'Example <no-reply@example.com>' } },
        },
      },
    });
  });
  after(async () => {
    await rig.close();
    await smtp.close();
  });

  it('sends an email code, answers masked details, and verifies it', async () => {
    const pool = await rig.pool();
    const client = await rig.client(pool);
    const user = await rig.user(pool, { username: 'alice', email: 'alice@example.com', email_verified: 'false' });
    const AccessToken = await rig.token(pool, client, user);
    const res = await rig.cognito.send(new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: 'email' }));
    assert.deepEqual(res.CodeDeliveryDetails, { Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const [message] = await rig.inbox(pool, 'alice');
    assert.equal(message.channel, 'email');
    assert.equal(message.destination, 'alice@example.com');
    assert.equal(message.subject, 'Your verification code');
    assert.equal(message.body, `Your verification code is ${message.code}. `);
    await rig.cognito.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: message.code }));
    assert.equal((await rig.app.store.users.get(pool.id, user.sub))!.attributes.email_verified, 'true');
    await assert.rejects(rig.cognito.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: message.code })), {
      name: 'ExpiredCodeException', message: 'Invalid code provided, please request a code again.',
    });
  });

  it('sends a phone code by SMS with the pool template', async () => {
    const pool = await rig.pool({ VerificationMessageTemplate: { SmsMessage: 'Acme code: {####}' } });
    const client = await rig.client(pool);
    const user = await rig.user(pool, { username: 'bob', phone_number: '+15555550123', phone_number_verified: 'false' });
    const AccessToken = await rig.token(pool, client, user);
    const res = await rig.cognito.send(new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: 'phone_number' }));
    assert.deepEqual(res.CodeDeliveryDetails, { Destination: '+*******0123', DeliveryMedium: 'SMS', AttributeName: 'phone_number' });
    const [message] = await rig.inbox(pool, 'bob');
    assert.equal(message.channel, 'sms');
    assert.equal(message.body, `Acme code: ${message.code}`);
    await assert.rejects(rig.cognito.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'phone_number', Code: String((Number(message.code) + 1) % 1e6).padStart(6, '0') })), {
      name: 'CodeMismatchException', message: 'Invalid verification code provided, please try again.',
    });
    await rig.cognito.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'phone_number', Code: message.code }));
    assert.equal((await rig.app.store.users.get(pool.id, user.sub))!.attributes.phone_number_verified, 'true');
  });

  it('lets the CustomMessage function write the message from the request ClientMetadata; ClientMetadata is not stored', async () => {
    const pool = await rig.pool({ LambdaConfig: { CustomMessage: CUSTOM_MESSAGE } });
    const client = await rig.client(pool);
    const user = await rig.user(pool, { username: 'carol', given_name: 'Carol', email: 'carol@example.com' });
    const AccessToken = await rig.token(pool, client, user);
    await rig.cognito.send(new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: 'email', ClientMetadata: { appName: 'Acme', locale: 'fr-FR' } }));
    const [message] = await rig.inbox(pool, 'carol');
    assert.equal(message.subject, 'Votre code de vérification Acme');
    assert.match(message.body, new RegExp(`Bonjour Carol,.*pour Acme : <strong>${message.code}</strong>`));
    const [invocation] = ((await (await fetch(`${rig.url}/_cognate/triggers?userPoolId=${pool.id}`)).json()) as { invocations: { triggerSource: string; outcome: string }[] }).invocations;
    assert.deepEqual([invocation.triggerSource, invocation.outcome], ['CustomMessage_VerifyUserAttribute', 'ok']);
    const stored = JSON.stringify(await rig.app.store.users.get(pool.id, user.sub));
    assert.ok(!stored.includes('Acme'), 'ClientMetadata is passed to the function only');
  });

  it('delivers once through a real SMTP server for a DEVELOPER email configuration', async () => {
    const pool = await rig.pool({ EmailConfiguration: { EmailSendingAccount: 'DEVELOPER', SourceArn: SES_IDENTITY } });
    const client = await rig.client(pool);
    const user = await rig.user(pool, { username: 'dave', email: 'dave@example.com' });
    const AccessToken = await rig.token(pool, client, user);
    const before = smtp.received.length;
    await rig.cognito.send(new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: 'email' }));
    assert.equal(smtp.received.length, before + 1, 'delivered before the answer, once');
    const raw = smtp.received[before];
    assert.match(raw, /To: dave@example\.com/);
    assert.match(raw, /From: Example <no-reply@example\.com>/);
    const code = /verification code is (\d{6})/.exec(raw)![1];
    await rig.cognito.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: code }));
    assert.equal((await rig.app.store.users.get(pool.id, user.sub))!.attributes.email_verified, 'true');
  });

  it('keeps a changed email pending until verified when the pool requires it, sending GetUserAttributeVerificationCode to the current value', async () => {
    const pool = await rig.pool({ AutoVerifiedAttributes: ['email'], UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] } });
    const client = await rig.client(pool);
    const user = await rig.user(pool, { username: 'erin', email: 'old@example.com', email_verified: 'true' });
    const AccessToken = await rig.token(pool, client, user);
    const update = await rig.cognito.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'email', Value: 'new@example.org' }] }));
    assert.deepEqual(update.CodeDeliveryDetailsList, [{ Destination: 'n***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' }]);
    let stored = (await rig.app.store.users.get(pool.id, user.sub))!;
    assert.equal(stored.attributes.email, 'old@example.com', 'the verified value stays in force');
    assert.equal(stored.attributes.email_verified, 'true');
    assert.deepEqual(stored.pending, { email: 'new@example.org' });
    assert.equal((await rig.inbox(pool, 'erin'))[0].destination, 'new@example.org', 'the update sends its code to the new value');

    await rig.cognito.send(new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: 'email' }));
    const [latest] = await rig.inbox(pool, 'erin');
    assert.equal(latest.destination, 'old@example.com', 'while the update is pending, the code goes to the current value');
    await rig.cognito.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: latest.code }));
    stored = (await rig.app.store.users.get(pool.id, user.sub))!;
    assert.equal(stored.attributes.email, 'new@example.org', 'verifying applies the pending value');
    assert.equal(stored.attributes.email_verified, 'true');
    assert.deepEqual(stored.pending, {});
  });

  it('changes an email at once, unverified, when the pool does not require verification first', async () => {
    const pool = await rig.pool({ AutoVerifiedAttributes: ['email'], LambdaConfig: { CustomMessage: CUSTOM_MESSAGE } });
    const client = await rig.client(pool);
    const user = await rig.user(pool, { username: 'frank', email: 'frank@example.com', email_verified: 'true', name: 'Frank' });
    const AccessToken = await rig.token(pool, client, user);
    const update = await rig.cognito.send(new UpdateUserAttributesCommand({
      AccessToken, UserAttributes: [{ Name: 'email', Value: 'frank@example.net' }, { Name: 'name', Value: 'Franklin' }], ClientMetadata: { appName: 'Acme' },
    }));
    assert.deepEqual(update.CodeDeliveryDetailsList, [{ Destination: 'f***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' }]);
    const stored = (await rig.app.store.users.get(pool.id, user.sub))!;
    assert.equal(stored.attributes.email, 'frank@example.net');
    assert.equal(stored.attributes.email_verified, 'false');
    assert.equal(stored.attributes.name, 'Franklin');
    const [message] = await rig.inbox(pool, 'frank');
    assert.equal(message.subject, 'Your Acme verification code', 'CustomMessage_UpdateUserAttribute with the ClientMetadata');
    await rig.cognito.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: message.code }));
    assert.equal((await rig.app.store.users.get(pool.id, user.sub))!.attributes.email_verified, 'true');
  });

  it('sends no code for an attribute the pool does not auto-verify, and refuses attributes the client may not write', async () => {
    const pool = await rig.pool();
    const client = await rig.client(pool, { WriteAttributes: ['name'] });
    const user = await rig.user(pool, { username: 'gina', email: 'gina@example.com', email_verified: 'true' });
    const AccessToken = await rig.token(pool, client, user);
    assert.equal((await rig.cognito.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'name', Value: 'G' }] }))).CodeDeliveryDetailsList, undefined);
    await assert.rejects(rig.cognito.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'email', Value: 'g@example.com' }] })), {
      name: 'NotAuthorizedException', message: 'A client attempted to write unauthorized attribute',
    });
  });

  it('refuses to verify a value that is already another user\'s sign-in alias, without spending the code', async () => {
    const pool = await rig.pool({ AliasAttributes: ['email'] });
    const client = await rig.client(pool);
    await rig.user(pool, { username: 'holder', email: 'shared@example.com', email_verified: 'true' });
    const user = await rig.user(pool, { username: 'ivan', email: 'shared@example.com', email_verified: 'false' });
    const AccessToken = await rig.token(pool, client, user);
    await rig.cognito.send(new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: 'email' }));
    const [message] = await rig.inbox(pool, 'ivan');
    await assert.rejects(rig.cognito.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: message.code })), {
      name: 'AliasExistsException', message: 'An account with the given email already exists.',
    });
    assert.equal((await rig.app.store.users.get(pool.id, user.sub))!.attributes.email_verified, 'false');
  });
});
