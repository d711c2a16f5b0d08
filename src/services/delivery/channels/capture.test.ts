import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCaptureChannel } from './capture.ts';
import { DeliveryError, type OutgoingMessage } from './types.ts';

const MESSAGE: OutgoingMessage = {
  id: 'msg-1',
  medium: 'email',
  destination: 'alice@example.com',
  subject: 'Code',
  body: 'Your code is 123456',
  userPoolId: 'us-east-1_abc',
  username: 'alice',
};

describe('capture channel', () => {
  it('accepts every message at once', async () => {
    const channel = createCaptureChannel('dev');
    assert.equal(channel.name, 'dev');
    assert.equal(channel.type, 'capture');
    assert.deepEqual(await channel.send(MESSAGE, new AbortController().signal), { providerId: 'capture' });
    assert.deepEqual(await channel.send({ ...MESSAGE, medium: 'sms', destination: '+15555550100' }, new AbortController().signal), { providerId: 'capture' });
    await channel.close();
  });

  it('an aborted signal is a transient failure', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(createCaptureChannel('dev').send(MESSAGE, controller.signal), (e) => e instanceof DeliveryError && !e.permanent);
  });
});
