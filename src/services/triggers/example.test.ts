import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { arn, memoryLog, POOL } from '../../../test/support/trigger-functions.ts';
import { createTriggers, customMessageEvent, memoryRecorder } from './index.ts';

describe('examples/triggers/custom-message.ts', () => {
  const triggers = createTriggers({
    functions: { [arn('custom-message')]: { module: './examples/triggers/custom-message.ts#handler' } },
    mode: 'development',
    baseDir: fileURLToPath(new URL('../../../', import.meta.url)),
    recorder: memoryRecorder(),
    log: memoryLog(),
    now: () => Date.now(),
  });
  after(() => triggers.close());
  const event = (triggerSource: 'CustomMessage_VerifyUserAttribute' | 'CustomMessage_UpdateUserAttribute' | 'CustomMessage_SignUp', clientMetadata?: Record<string, string>) =>
    customMessageEvent({
      triggerSource,
      region: 'us-east-1',
      userPoolId: POOL,
      userName: 'alice',
      clientId: '1example23456789example2345',
      userAttributes: { sub: 's', email: 'alice@example.com', email_verified: 'false', given_name: 'Alice' },
      ...(clientMetadata ? { clientMetadata } : {}),
    });

  test('writes the verification message from ClientMetadata', async () => {
    const out = await triggers.invoke(arn('custom-message'), event('CustomMessage_VerifyUserAttribute', { appName: 'Acme <b>', locale: 'fr-FR' }));
    assert.equal(out.response.emailSubject, 'Votre code de vérification Acme <b>');
    assert.match(out.response.emailMessage!, /^<p>Bonjour Alice,<\/p><p>Utilisez ce code pour confirmer vos coordonnées pour Acme &#60;b&#62; : <strong>\{####\}<\/strong>/);
    assert.equal(out.response.smsMessage, 'Acme <b> : votre code de vérification est {####}');
  });

  test('English by default, for UpdateUserAttribute too; other sources keep the pool message', async () => {
    const out = await triggers.invoke(arn('custom-message'), event('CustomMessage_UpdateUserAttribute'));
    assert.equal(out.response.emailSubject, 'Your verification code');
    assert.match(out.response.emailMessage!, /^<p>Hello Alice,<\/p><p>Use this code to confirm your contact details: <strong>\{####\}<\/strong>/);
    assert.equal(out.response.smsMessage, 'Your verification code is {####}');
    const signUp = await triggers.invoke(arn('custom-message'), event('CustomMessage_SignUp', { appName: 'Acme' }));
    assert.deepEqual(signUp.response, { smsMessage: null, emailMessage: null, emailSubject: null });
  });
});
