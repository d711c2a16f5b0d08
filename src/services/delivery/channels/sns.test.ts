import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { failure, freePort } from '../../../../test/support/channels.ts';
import type { SnsChannelOptions } from '../../../ground/config/delivery.ts';
import { createSnsChannel } from './sns.ts';
import type { Channel, OutgoingMessage } from './types.ts';

const MESSAGE: OutgoingMessage = {
  id: 'msg-0003',
  medium: 'sms',
  destination: '+15555550100',
  body: 'Your verification code is 246810 & more',
  userPoolId: 'us-east-1_abc',
  username: 'carol',
};
const NS = 'http://sns.amazonaws.com/doc/2010-03-31/';

const errorXml = (type: string, code: string, message: string) =>
  `<ErrorResponse xmlns="${NS}"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>x</RequestId></ErrorResponse>`;

interface Received {
  method: string;
  headers: IncomingHttpHeaders;
  form: URLSearchParams;
}

// SNS speaks awsQuery: a form-encoded POST, answered in XML. The answer is picked by the test.
let answer: (res: ServerResponse) => void = () => {};
const received: Received[] = [];
const server = createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (c: string) => (body += c));
  req.on('end', () => {
    received.push({ method: req.method ?? '', headers: req.headers, form: new URLSearchParams(body) });
    answer(res);
  });
});
let endpoint = '';
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
const channels: Channel[] = [];
after(async () => {
  await Promise.all(channels.map((c) => c.close()));
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function channel(extra: Partial<SnsChannelOptions> = {}): Channel {
  const c = createSnsChannel('sns-test', {
    region: 'eu-west-1',
    endpoint,
    credentials: { accessKeyId: 'AKIDCOGNATETEST', secretAccessKey: 'secret' },
    timeoutMs: 2_000,
    ...extra,
  });
  channels.push(c);
  return c;
}

const xml = (status: number, body: string) => (res: ServerResponse) => res.writeHead(status, { 'content-type': 'text/xml' }).end(body);


/** The MessageAttributes entries of an awsQuery Publish, as name → value. */
function attributesOf(form: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 1; form.has(`MessageAttributes.entry.${i}.Name`); i++) {
    assert.equal(form.get(`MessageAttributes.entry.${i}.Value.DataType`), 'String');
    out[form.get(`MessageAttributes.entry.${i}.Name`) ?? ''] = form.get(`MessageAttributes.entry.${i}.Value.StringValue`) ?? '';
  }
  return out;
}

describe('sns channel', () => {
  it('publishes a signed Publish with the SMS attributes and returns the MessageId', async () => {
    received.length = 0;
    answer = xml(200, `<PublishResponse xmlns="${NS}"><PublishResult><MessageId>5b1a6f1e-1111-2222-3333-444455556666</MessageId></PublishResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></PublishResponse>`);
    const result = await channel({ senderId: 'Cognate' }).send(MESSAGE, new AbortController().signal);
    assert.deepEqual(result, { providerId: '5b1a6f1e-1111-2222-3333-444455556666' });
    const [req] = received;
    assert.equal(req.method, 'POST');
    assert.match(String(req.headers['content-type']), /^application\/x-www-form-urlencoded/);
    assert.match(String(req.headers.authorization), /^AWS4-HMAC-SHA256 Credential=AKIDCOGNATETEST\/\d{8}\/eu-west-1\/sns\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/);
    assert.equal(req.form.get('Action'), 'Publish');
    assert.equal(req.form.get('Version'), '2010-03-31');
    assert.equal(req.form.get('PhoneNumber'), '+15555550100');
    assert.equal(req.form.get('Message'), 'Your verification code is 246810 & more');
    assert.deepEqual(attributesOf(req.form), { 'AWS.SNS.SMS.SMSType': 'Transactional', 'AWS.SNS.SMS.SenderID': 'Cognate' });
  });

  it('sends SMSType and OriginationNumber when configured, and no SenderID when not', async () => {
    received.length = 0;
    answer = xml(200, `<PublishResponse xmlns="${NS}"><PublishResult><MessageId>m2</MessageId></PublishResult></PublishResponse>`);
    await channel({ smsType: 'Promotional', originationNumber: '+15555550199' }).send(MESSAGE, new AbortController().signal);
    assert.deepEqual(attributesOf(received[0].form), { 'AWS.SNS.SMS.SMSType': 'Promotional', 'AWS.MM.SMS.OriginationNumber': '+15555550199' });
  });

  it('InvalidParameter (HTTP 400) is permanent', async () => {
    answer = xml(400, errorXml('Sender', 'InvalidParameter', 'Invalid parameter: PhoneNumber Reason: +1 is not valid to publish to'));
    const err = await failure(channel().send(MESSAGE, new AbortController().signal));
    assert.equal(err.permanent, true);
    assert.match(err.message, /InvalidParameterException/);
    assert.match(err.message, /\+1 is not valid to publish to/);
    assert.doesNotMatch(err.message, /246810/);
  });

  for (const code of ['ParameterValueInvalid', 'OptedOut', 'EndpointDisabled']) {
    it(`${code} is permanent`, async () => {
      answer = xml(400, errorXml('Sender', code, 'refused'));
      assert.equal((await failure(channel().send(MESSAGE, new AbortController().signal))).permanent, true);
    });
  }

  for (const [status, code] of [[500, 'InternalError'], [429, 'Throttled'], [400, 'Throttling'], [403, 'AuthorizationError'], [403, 'InvalidClientTokenId'], [502, 'BadGateway']] as const) {
    it(`HTTP ${status} ${code} is transient`, async () => {
      answer = xml(status, errorXml(status >= 500 ? 'Receiver' : 'Sender', code, 'try later'));
      const err = await failure(channel().send(MESSAGE, new AbortController().signal));
      assert.equal(err.permanent, false, err.message);
    });
  }

  it('an answer that is not XML (a proxy error page) is transient', async () => {
    answer = (res) => res.writeHead(503, { 'content-type': 'text/html' }).end('<html>busy</html>');
    assert.equal((await failure(channel().send(MESSAGE, new AbortController().signal))).permanent, false);
  });

  it('a server that never answers is transient after timeoutMs', async () => {
    answer = () => {};
    const err = await failure(channel({ timeoutMs: 200 }).send(MESSAGE, new AbortController().signal));
    assert.equal(err.permanent, false);
    assert.match(err.message, /timed out after 200 ms/);
  });

  it('an abort is transient and prompt', async () => {
    answer = () => {};
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const err = await failure(channel().send(MESSAGE, controller.signal));
    assert.equal(err.permanent, false);
    assert.match(err.message, /aborted/);
  });

  it('nothing listening is transient', async () => {
    const port = await freePort();
    const err = await failure(channel({ endpoint: `http://127.0.0.1:${port}` }).send(MESSAGE, new AbortController().signal));
    assert.equal(err.permanent, false);
  });
});
