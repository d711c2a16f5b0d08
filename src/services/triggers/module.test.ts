import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { arn, functionDir, memoryLog, POOL, rejectsWith, signUpEvent, verifyAttributeEvent } from '../../../test/support/trigger-functions.ts';
import { createTriggers, memoryRecorder, preTokenGenerationEvent, type Triggers } from './index.ts';

const files = {
  // TypeScript, async, with type annotations (stripped by Node in the worker too)
  'context.ts': `
    interface Ctx { functionName: string; functionVersion: string; invokedFunctionArn: string; memoryLimitInMB: string;
      awsRequestId: string; logGroupName: string; logStreamName: string; callbackWaitsForEmptyEventLoop: boolean;
      getRemainingTimeInMillis(): number }
    export const handler = async (event: any, context: Ctx): Promise<any> => {
      console.log('hello from the function');
      event.response.claimsOverrideDetails = { claimsToAddOrOverride: {
        functionName: context.functionName, functionVersion: context.functionVersion,
        invokedFunctionArn: context.invokedFunctionArn, memoryLimitInMB: context.memoryLimitInMB,
        awsRequestId: context.awsRequestId, logGroupName: context.logGroupName, logStreamName: context.logStreamName,
        wait: String(context.callbackWaitsForEmptyEventLoop), remaining: String(context.getRemainingTimeInMillis()),
        envName: process.env.AWS_LAMBDA_FUNCTION_NAME ?? '', envRegion: process.env.AWS_REGION ?? '', greeting: process.env.GREETING ?? '' } };
      return event;
    };`,
  // JavaScript, callback style
  'callback.js': `
    export function handler(event, context, callback) {
      event.response.emailMessage = 'Hi ' + (event.request.clientMetadata?.name ?? '?') + ', your code is ' + event.request.codeParameter;
      setTimeout(() => callback(null, event), 10);
    }`,
  // CommonJS, context.succeed, a named export other than handler
  'legacy.cjs': `exports.verify = function (event, context) { event.response.smsMessage = 'code ' + event.request.codeParameter; context.succeed(event); };`,
  'throws.ts': `export async function handler(): Promise<never> { throw new Error('Email domain not allowed'); }`,
  'callback-error.js': `export const handler = (event, context, callback) => callback(new Error('Rejected by policy'));`,
  'sleeps.ts': `export const handler = async (event: unknown) => { await new Promise((r) => setTimeout(r, 6000)); return event; };`,
  'exits.js': `export const handler = async () => { process.exit(1); };`,
  'uncaught.js': `export const handler = (event, context, callback) => { setTimeout(() => { throw new Error('boom in a timer'); }, 5); };`,
  'garbage.js': `export const handler = async () => 'hello';`,
  'no-placeholder.js': `export const handler = async (event) => { event.response.emailMessage = 'Your code is 123'; return event; };`,
  'busy.js': `export const handler = async () => { while (true) {} };`,
  'counter.js': `let n = 0; export const handler = async (event) => { n++; event.response.emailSubject = 'call ' + n; return event; };`,
};

describe('module functions', () => {
  const fns = functionDir(files);
  const recorder = memoryRecorder();
  const log = memoryLog();
  let triggers: Triggers;
  const functions = Object.fromEntries(
    Object.keys(files).map((f) => [arn(f.replace(/\..*$/, '')), { module: `./${f}${f === 'legacy.cjs' ? '#verify' : ''}` }]),
  ) as Record<string, { module: string; environment?: Record<string, string> }>;
  functions[arn('context')]!.environment = { GREETING: 'hello' };

  before(() => {
    triggers = createTriggers({ functions, mode: 'production', baseDir: fns.dir, recorder, log, now: () => Date.now() });
  });
  after(async () => {
    await triggers.close();
    fns.remove();
  });

  test('a TypeScript async function gets a Lambda-like context and environment', async () => {
    const event = preTokenGenerationEvent({ triggerSource: 'TokenGeneration_Authentication', region: 'us-east-1', userPoolId: POOL, userName: 'alice', userAttributes: { sub: '1' } });
    const out = await triggers.invoke(arn('context', '7'), event);
    assert.equal(out.version, '1');
    const c = out.response.claimsOverrideDetails!.claimsToAddOrOverride!;
    assert.equal(c.functionName, 'context');
    assert.equal(c.functionVersion, '7');
    assert.equal(c.invokedFunctionArn, arn('context', '7'));
    assert.equal(c.memoryLimitInMB, '128');
    assert.match(c.awsRequestId!, /^[0-9a-f-]{36}$/);
    assert.equal(c.logGroupName, '/aws/lambda/context');
    assert.match(c.logStreamName!, /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    assert.equal(c.wait, 'true');
    // Within the 5-second limit, counting down from it (how much is left depends on the machine: no lower bound).
    assert.ok(Number(c.remaining) > 0 && Number(c.remaining) <= 5000, c.remaining);
    assert.equal(c.envName, 'context');
    assert.equal(c.envRegion, 'us-east-1');
    assert.equal(c.greeting, 'hello');
    // console output reaches the server's log, tagged with the function
    for (let i = 0; i < 50 && !log.lines.some((l) => l.m === 'hello from the function'); i++) await new Promise((r) => setTimeout(r, 10));
    assert.ok(log.lines.some((l) => l.m === 'hello from the function' && (l.o as { function?: string }).function === 'context'));
  });

  test('a JavaScript callback-style function, and a CommonJS one with context.succeed and a named export', async () => {
    const out = await triggers.invoke(arn('callback'), verifyAttributeEvent({ name: 'Alice' }));
    assert.deepEqual(out.response, { smsMessage: null, emailMessage: 'Hi Alice, your code is {####}', emailSubject: null });
    const legacy = await triggers.invoke(arn('legacy'), verifyAttributeEvent());
    assert.equal(legacy.response.smsMessage, 'code {####}');
  });

  test('a thrown error and an error passed to the callback are UserLambdaValidationException, worded as Cognito does', async () => {
    await rejectsWith(triggers.invoke(arn('throws'), signUpEvent()), 'UserLambdaValidationException', 'PreSignUp failed with error Email domain not allowed.');
    await rejectsWith(triggers.invoke(arn('callback-error'), verifyAttributeEvent()), 'UserLambdaValidationException', 'CustomMessage failed with error Rejected by policy.');
  });

  test('a function that takes longer than 5 seconds is stopped: UnexpectedLambdaException after 5 s', async () => {
    const t0 = Date.now();
    await rejectsWith(
      triggers.invoke(arn('sleeps'), verifyAttributeEvent()),
      'UnexpectedLambdaException',
      'CustomMessage invocation failed due to error Socket timeout while invoking Lambda function.',
    );
    // The function sleeps 6 s and would then answer: the rejection shows the limit stopped it; this shows it waited the full 5 s.
    const took = Date.now() - t0;
    assert.ok(took >= 4950, `took ${took} ms`);
  });

  test('a crash (process.exit, an uncaught exception in a timer) is UnexpectedLambdaException, and the next call gets a fresh worker', async () => {
    await rejectsWith(triggers.invoke(arn('exits'), verifyAttributeEvent()), 'UnexpectedLambdaException', 'CustomMessage invocation failed due to error Runtime.ExitError.');
    await rejectsWith(triggers.invoke(arn('uncaught'), verifyAttributeEvent()), 'UnexpectedLambdaException', 'CustomMessage invocation failed due to error Runtime.ExitError.');
    const [exited, uncaught] = await recorder.list({ limit: 2 }).then((r) => r.reverse());
    assert.equal(exited!.error, 'the function exited with code 1');
    assert.equal(uncaught!.error, 'Error: boom in a timer');
    // the server itself is fine, and the function runs again
    const out = await triggers.invoke(arn('callback'), verifyAttributeEvent({ name: 'again' }));
    assert.equal(out.response.emailMessage, 'Hi again, your code is {####}');
  });

  test('an answer that is not the event is InvalidLambdaResponseException "Unrecognizable lambda output"', async () => {
    await rejectsWith(triggers.invoke(arn('garbage'), signUpEvent()), 'InvalidLambdaResponseException', 'Unrecognizable lambda output');
  });

  test('a message without the {####} placeholder is InvalidLambdaResponseException', async () => {
    await rejectsWith(triggers.invoke(arn('no-placeholder'), verifyAttributeEvent()), 'InvalidLambdaResponseException', /code placeholder \{####\}/);
  });

  test('workers are reused between invocations', async () => {
    const first = await triggers.invoke(arn('counter'), verifyAttributeEvent());
    const second = await triggers.invoke(arn('counter'), verifyAttributeEvent());
    assert.equal(first.response.emailSubject, 'call 1');
    assert.equal(second.response.emailSubject, 'call 2');
  });

  test('every invocation is recorded', async () => {
    const rows = await recorder.list({ userPoolId: POOL, triggerSource: 'PreSignUp_SignUp', limit: 10 });
    assert.deepEqual(
      rows.map((r) => [r.outcome, r.invoker]),
      [
        ['InvalidLambdaResponseException', 'module'],
        ['UserLambdaValidationException', 'module'],
      ],
    );
    assert.equal(rows[0]!.functionArn, arn('garbage'));
    assert.ok(rows[0]!.durationMs >= 0 && rows[0]!.startedAt > 0);
  });
});

describe('a busy-looping function', () => {
  test('does not stop the main thread answering, and is stopped at the time limit', async () => {
    const fns = functionDir({ 'busy.js': files['busy.js'] });
    const triggers = createTriggers({
      functions: { [arn('busy')]: { module: './busy.js' } },
      mode: 'production',
      baseDir: fns.dir,
      recorder: memoryRecorder(),
      log: memoryLog(),
      now: () => Date.now(),
      timeoutMs: 1500,
    });
    const server = createServer((_req, res) => res.end('pong'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const invocation = triggers.invoke(arn('busy'), verifyAttributeEvent());
      const settled = invocation.then(() => 'function', () => 'function');
      await new Promise((r) => setTimeout(r, 300)); // the worker is now spinning
      // Ordering, not timing (machines are shared): with the function spinning on the main thread,
      // neither an immediate nor an HTTP answer could come before the function's time limit ends it.
      assert.equal(await Promise.race([new Promise((r) => setImmediate(() => r('immediate'))), settled]), 'immediate');
      const pong = fetch(url).then(async (res) => ((await res.text()) === 'pong' ? 'http' : 'wrong answer'));
      assert.equal(await Promise.race([pong, settled]), 'http');
      await rejectsWith(invocation, 'UnexpectedLambdaException', /Socket timeout/);
    } finally {
      server.closeAllConnections();
      server.close();
      await triggers.close();
      fns.remove();
    }
  });
});
