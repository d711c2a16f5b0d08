import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { arn, memoryLog, rejectsWith, signUpEvent, verifyAttributeEvent } from '../../../test/support/trigger-functions.ts';
import { createTriggers, memoryRecorder, type CustomMessageEvent, type Triggers } from './index.ts';

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

async function serve(handler: (req: IncomingMessage, body: string, res: ServerResponse) => void): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => handler(req, body, res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const fill = (body: string) => {
  const event = JSON.parse(body) as CustomMessageEvent;
  event.response.emailMessage = `Hello ${event.request.clientMetadata?.name ?? 'you'}, code ${event.request.codeParameter}`;
  return JSON.stringify(event);
};

describe('HTTP functions', () => {
  let fn: { server: Server; url: string };
  let triggers: Triggers;
  const seen: { contentType?: string; body?: unknown } = {};
  before(async () => {
    fn = await serve((req, body, res) => {
      switch (req.url) {
        case '/ok':
          seen.contentType = req.headers['content-type'];
          seen.body = JSON.parse(body);
          return res.writeHead(200, { 'content-type': 'application/json' }).end(fill(body));
        case '/function-error':
          return res.writeHead(400, { 'content-type': 'application/json' }).end('{"errorMessage": "Not allowed", "errorType": "Error"}');
        case '/crash':
          return res.writeHead(500).end('oops');
        case '/garbage':
          return res.writeHead(200).end('<html>not json</html>');
        case '/slow':
          return void setTimeout(() => res.writeHead(200).end(body), 500);
      }
    });
    const functions = Object.fromEntries(['ok', 'function-error', 'crash', 'garbage', 'slow'].map((n) => [arn(n), { url: `${fn.url}/${n}` }]));
    functions[arn('down')] = { url: `http://127.0.0.1:${await closedPort()}/` };
    triggers = createTriggers({ functions, mode: 'production', baseDir: '.', recorder: memoryRecorder(), log: memoryLog(), now: () => 0, timeoutMs: 300 });
  });
  after(async () => {
    await triggers.close();
    fn.server.closeAllConnections();
    fn.server.close();
  });

  test('the event is POSTed as JSON and the body is the answer', async () => {
    const event = verifyAttributeEvent({ name: 'Ann' });
    const out = await triggers.invoke(arn('ok'), event);
    assert.equal(seen.contentType, 'application/json');
    assert.deepEqual(seen.body, event);
    assert.equal(out.response.emailMessage, 'Hello Ann, code {####}');
  });

  test('a Lambda error body is the function error; any other failure is UnexpectedLambdaException', async () => {
    await rejectsWith(triggers.invoke(arn('function-error'), verifyAttributeEvent()), 'UserLambdaValidationException', 'CustomMessage failed with error Not allowed.');
    await rejectsWith(triggers.invoke(arn('crash'), verifyAttributeEvent()), 'UnexpectedLambdaException', 'CustomMessage invocation failed due to error HTTP 500.');
    await rejectsWith(triggers.invoke(arn('down'), verifyAttributeEvent()), 'UnexpectedLambdaException', 'CustomMessage invocation failed due to error ECONNREFUSED.');
    await rejectsWith(triggers.invoke(arn('slow'), verifyAttributeEvent()), 'UnexpectedLambdaException', /Socket timeout while invoking Lambda function/);
  });

  test('a body that is not JSON is InvalidLambdaResponseException', async () => {
    await rejectsWith(triggers.invoke(arn('garbage'), signUpEvent()), 'InvalidLambdaResponseException', 'Unrecognizable lambda output');
  });
});

describe('Lambda API functions', () => {
  let lambda: { server: Server; url: string };
  const calls: { name: string; invocationType?: string; authorization?: string }[] = [];
  before(async () => {
    // A Lambda emulator: POST /2015-03-31/functions/<name>/invocations
    lambda = await serve((req, body, res) => {
      const m = /^\/2015-03-31\/functions\/([^/]+)\/invocations/.exec(req.url ?? '');
      if (req.method !== 'POST' || !m) return res.writeHead(404).end();
      const name = decodeURIComponent(m[1]!);
      calls.push({ name, invocationType: req.headers['x-amz-invocation-type'] as string, authorization: req.headers.authorization });
      const short = name.split(':function:').pop()!.split(':')[0];
      switch (short) {
        case 'echo':
          return res.writeHead(200, { 'content-type': 'application/json', 'x-amz-executed-version': '$LATEST' }).end(fill(body));
        case 'fails':
          return res
            .writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' })
            .end('{"errorType": "Error", "errorMessage": "Lambda says no", "trace": []}');
        case 'garbage':
          return res.writeHead(200, { 'content-type': 'application/json' }).end('not json');
        case 'slow':
          return void setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(body), 500);
        default:
          return res
            .writeHead(404, { 'content-type': 'application/json', 'x-amzn-errortype': 'ResourceNotFoundException' })
            .end(JSON.stringify({ Type: 'User', message: `Function not found: ${name}` }));
      }
    });
  });
  after(() => {
    lambda.server.closeAllConnections();
    lambda.server.close();
  });

  const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };

  test('a mapped function, an unmapped ARN through the default endpoint, and the error mappings', async () => {
    const recorder = memoryRecorder();
    const triggers = createTriggers({
      functions: {
        [arn('custom-message')]: { lambda: { functionName: 'echo', endpoint: lambda.url, region: 'us-east-1', credentials } },
      },
      lambda: { endpoint: lambda.url, credentials },
      mode: 'production',
      baseDir: '.',
      recorder,
      log: memoryLog(),
      now: () => 0,
    });
    try {
      const out = await triggers.invoke(arn('custom-message'), verifyAttributeEvent({ name: 'Lu' }));
      assert.equal(out.response.emailMessage, 'Hello Lu, code {####}');
      assert.deepEqual(calls[0]!.name, 'echo');
      assert.equal(calls[0]!.invocationType, 'RequestResponse');
      assert.match(calls[0]!.authorization!, /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/lambda\/aws4_request/);

      const viaDefault = await triggers.invoke(arn('echo', 'live'), verifyAttributeEvent({ name: 'Default' }));
      assert.equal(viaDefault.response.emailMessage, 'Hello Default, code {####}');
      assert.equal(calls.at(-1)!.name, arn('echo', 'live'));

      await rejectsWith(triggers.invoke(arn('fails'), signUpEvent()), 'UserLambdaValidationException', 'PreSignUp failed with error Lambda says no.');
      await rejectsWith(triggers.invoke(arn('garbage'), signUpEvent()), 'InvalidLambdaResponseException', 'Unrecognizable lambda output');
      await rejectsWith(triggers.invoke(arn('absent'), signUpEvent()), 'UnexpectedLambdaException', 'PreSignUp invocation failed due to error ResourceNotFoundException.');
      const rows = await recorder.list({ limit: 10 });
      assert.deepEqual(
        rows.map((r) => [r.invoker, r.outcome]),
        [
          ['lambda', 'UnexpectedLambdaException'],
          ['lambda', 'InvalidLambdaResponseException'],
          ['lambda', 'UserLambdaValidationException'],
          ['lambda', 'ok'],
          ['lambda', 'ok'],
        ],
      );
    } finally {
      await triggers.close();
    }
  });

  test('an unreachable or slow Lambda endpoint is UnexpectedLambdaException', async () => {
    const triggers = createTriggers({
      functions: { [arn('slow')]: { lambda: { endpoint: lambda.url, credentials } } },
      lambda: { endpoint: `http://127.0.0.1:${await closedPort()}`, credentials },
      mode: 'production',
      baseDir: '.',
      recorder: memoryRecorder(),
      log: memoryLog(),
      now: () => 0,
      timeoutMs: 200,
    });
    await rejectsWith(triggers.invoke(arn('echo'), signUpEvent()), 'UnexpectedLambdaException', 'PreSignUp invocation failed due to error ECONNREFUSED.');
    await rejectsWith(triggers.invoke(arn('slow'), signUpEvent()), 'UnexpectedLambdaException', 'PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.');
    await triggers.close();
  });
});
