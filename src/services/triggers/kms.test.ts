import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildClient, CommitmentPolicy, KMS, KmsKeyringNode } from '@aws-crypto/client-node';
import { arn, functionDir, memoryLog, POOL } from '../../../test/support/trigger-functions.ts';
import { createTriggers, customEmailSenderEvent, customSMSSenderEvent, memoryRecorder } from './index.ts';
import { CodeEncryptor } from './kms.ts';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };

/** A local KMS speaking the awsJson1.1 GenerateDataKey and Decrypt operations. */
async function fakeKms(): Promise<{ server: Server; url: string; calls: string[] }> {
  const keys = new Map<string, string>(); // ciphertext (base64) → plaintext (base64)
  const calls: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target']);
      const input = JSON.parse(body) as { NumberOfBytes?: number; CiphertextBlob?: string };
      calls.push(target);
      const send = (status: number, o: object) => res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(o));
      if (target === 'TrentService.GenerateDataKey') {
        const plaintext = randomBytes(input.NumberOfBytes ?? 32).toString('base64');
        const ciphertext = Buffer.concat([Buffer.from('fake-kms:'), randomBytes(32)]).toString('base64');
        keys.set(ciphertext, plaintext);
        return send(200, { KeyId: KEY, Plaintext: plaintext, CiphertextBlob: ciphertext });
      }
      if (target === 'TrentService.Decrypt') {
        const plaintext = keys.get(input.CiphertextBlob ?? '');
        if (!plaintext) return send(400, { __type: 'InvalidCiphertextException', message: 'unknown ciphertext' });
        return send(200, { KeyId: KEY, Plaintext: plaintext, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
      }
      send(400, { __type: 'UnknownOperationException' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls };
}

const emailEvent = (code: string | null) =>
  customEmailSenderEvent({
    triggerSource: 'CustomEmailSender_VerifyUserAttribute',
    region: 'us-east-1',
    userPoolId: POOL,
    userName: 'alice',
    clientId: '1example23456789example2345',
    userAttributes: { sub: 'a1', email: 'alice@example.com' },
    code,
  });

describe('custom sender codes', () => {
  let kms: Awaited<ReturnType<typeof fakeKms>>;
  before(async () => {
    kms = await fakeKms();
  });
  after(() => {
    kms.server.closeAllConnections();
    kms.server.close();
  });

  test('are encrypted as Cognito does: @aws-crypto/client-node decrypt with the same KMS recovers them', async () => {
    const encryptor = new CodeEncryptor({ kms: { endpoint: kms.url, region: 'us-east-1', credentials }, mode: 'production', log: memoryLog() });
    const code = await encryptor.encrypt('123456', KEY);
    assert.match(code, /^[A-Za-z0-9+/]+=*$/);
    assert.ok(kms.calls.includes('TrentService.GenerateDataKey'));
    const { decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT);
    const keyring = new KmsKeyringNode({ keyIds: [KEY], clientProvider: () => new KMS({ endpoint: kms.url, region: 'us-east-1', credentials }) });
    const { plaintext } = await decrypt(keyring, Buffer.from(code, 'base64'));
    assert.equal(plaintext.toString('utf8'), '123456');
    encryptor.close();
  });

  test('an unchanged custom sender function (default KMS client, endpoint from AWS_ENDPOINT_URL_KMS) decrypts the code it is sent', async () => {
    const clientNode = import.meta.resolve('@aws-crypto/client-node');
    const fns = functionDir({
      'sender.js': `
        import { writeFileSync } from 'node:fs';
        import { buildClient, CommitmentPolicy, KmsKeyringNode } from '${clientNode}';
        const { decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT);
        const keyring = new KmsKeyringNode({ keyIds: [process.env.KEY_ARN] });
        export const handler = async (event) => {
          const { plaintext } = await decrypt(keyring, Buffer.from(event.request.code, 'base64'));
          writeFileSync(process.env.OUT_FILE, JSON.stringify({ code: plaintext.toString(), type: event.request.type, to: event.request.userAttributes.email }));
        };`,
    });
    const out = join(fns.dir, 'out.json');
    const recorder = memoryRecorder();
    const triggers = createTriggers({
      functions: {
        [arn('sender')]: {
          module: './sender.js',
          environment: { KEY_ARN: KEY, OUT_FILE: out, AWS_ENDPOINT_URL_KMS: kms.url, AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey },
        },
      },
      kms: { endpoint: kms.url, credentials },
      mode: 'production',
      baseDir: fns.dir,
      recorder,
      log: memoryLog(),
      now: () => Date.now(),
    });
    triggers.invokeAsync({ LambdaArn: arn('sender'), LambdaVersion: 'V1_0' }, emailEvent('654321'), { kmsKeyId: KEY });
    await triggers.close(); // waits for the asynchronous invocation
    const [row] = await recorder.list({ limit: 1 });
    assert.equal(row!.outcome, 'ok', row!.error);
    assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')), { code: '654321', type: 'customEmailSenderRequestV1', to: 'alice@example.com' });
    fns.remove();
  });

  test('without KMS: development mode sends the code base64-encoded and warns once; production mode refuses', async () => {
    const fns = functionDir({ 'sender.js': `import { writeFileSync } from 'node:fs'; export const handler = async (e) => { writeFileSync(process.env.OUT_FILE, e.request.code); };` });
    const out = join(fns.dir, 'out.txt');
    for (const mode of ['development', 'production'] as const) {
      const log = memoryLog();
      const recorder = memoryRecorder();
      const triggers = createTriggers({
        functions: { [arn('sender')]: { module: './sender.js', environment: { OUT_FILE: out } } },
        mode,
        baseDir: fns.dir,
        recorder,
        log,
        now: () => Date.now(),
      });
      const sms = customSMSSenderEvent({ triggerSource: 'CustomSMSSender_Authentication', region: 'us-east-1', userPoolId: POOL, userName: 'alice', userAttributes: { phone_number: '+15555550100' }, code: '111222' });
      triggers.invokeAsync(arn('sender'), sms, { kmsKeyId: KEY });
      triggers.invokeAsync(arn('sender'), sms, { kmsKeyId: KEY });
      await triggers.close();
      const rows = await recorder.list({ limit: 5 });
      if (mode === 'development') {
        assert.equal(Buffer.from(readFileSync(out, 'utf8'), 'base64').toString(), '111222');
        assert.deepEqual(rows.map((r) => r.outcome), ['ok', 'ok']);
        assert.equal(log.lines.filter((l) => l.level === 'warn' && /not encrypted/.test(l.m ?? '')).length, 1);
      } else {
        assert.deepEqual(rows.map((r) => r.outcome), ['UnexpectedLambdaException', 'UnexpectedLambdaException']);
        assert.match(rows[0]!.error!, /KMS is not configured/);
      }
    }
    fns.remove();
  });

  test('a failing custom sender is logged and recorded, never thrown', async () => {
    const fns = functionDir({ 'fails.js': `export const handler = async () => { throw new Error('SES is down'); };` });
    const recorder = memoryRecorder();
    const log = memoryLog();
    const triggers = createTriggers({ functions: { [arn('fails')]: { module: './fails.js' } }, mode: 'development', baseDir: fns.dir, recorder, log, now: () => 0 });
    assert.doesNotThrow(() => triggers.invokeAsync(arn('fails'), emailEvent(null)));
    await triggers.close();
    const [row] = await recorder.list({ limit: 1 });
    assert.equal(row!.outcome, 'UserLambdaValidationException');
    assert.equal(row!.error, 'Error: SES is down');
    assert.ok(log.lines.some((l) => l.level === 'warn' && l.m === 'trigger function failed'));
    assert.equal(existsSync(join(fns.dir, 'out.txt')), false);
    fns.remove();
  });
});
