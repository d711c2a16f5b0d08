import assert from 'node:assert/strict';
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { arn, functionDir, memoryLog, rejectsWith, verifyAttributeEvent } from '../../../test/support/trigger-functions.ts';
import { ConfigError } from '../../ground/config/config.ts';
import { createTriggers, memoryRecorder, parseFunctionsConfig } from './index.ts';

const answer = (text: string) => `export const handler = async (event) => { event.response.emailSubject = '${text}'; return event; };`;

describe('resolving a LambdaConfig ARN', () => {
  test('by exact ARN, unqualified ARN, name:qualifier or bare name; an unknown ARN is UnexpectedLambdaException', async () => {
    const fns = functionDir({ 'a.js': answer('a'), 'b.js': answer('b'), 'c.js': answer('c'), 'd.js': answer('d') });
    const triggers = createTriggers({
      functions: parseFunctionsConfig(
        {
          [arn('fn-a', 'prod')]: { module: './a.js' },
          [arn('fn-b')]: { module: './b.js' },
          'fn-c:live': { module: './c.js' },
          'fn-d': { module: 'd.js#handler' },
        },
        'test config',
      ),
      mode: 'production',
      baseDir: fns.dir,
      recorder: memoryRecorder(),
      log: memoryLog(),
      now: () => 0,
    });
    try {
      const subject = async (ref: string | { LambdaArn: string; LambdaVersion: string }) => (await triggers.invoke(ref, verifyAttributeEvent())).response.emailSubject;
      assert.equal(await subject(arn('fn-a', 'prod')), 'a');
      assert.equal(await subject(arn('fn-b', '3')), 'b');
      assert.equal(await subject({ LambdaArn: arn('fn-b'), LambdaVersion: 'V1_0' }), 'b');
      assert.equal(await subject(arn('fn-c', 'live')), 'c');
      assert.equal(await subject(arn('fn-d')), 'd');
      await rejectsWith(
        triggers.invoke(arn('fn-a'), verifyAttributeEvent()),
        'UnexpectedLambdaException',
        `CustomMessage invocation failed due to error ResourceNotFoundException: no function is configured for ${arn('fn-a')}.`,
      );
    } finally {
      await triggers.close();
      fns.remove();
    }
  });

  test('a module file that does not exist is UnexpectedLambdaException; the record says which file', async () => {
    const recorder = memoryRecorder();
    const triggers = createTriggers({ functions: { [arn('gone')]: { module: './nowhere.ts' } }, mode: 'production', baseDir: '/tmp', recorder, log: memoryLog(), now: () => 0 });
    await rejectsWith(triggers.invoke(arn('gone'), verifyAttributeEvent()), 'UnexpectedLambdaException', 'CustomMessage invocation failed due to error ResourceNotFoundException.');
    const [row] = await recorder.list({ limit: 1 });
    assert.match(row!.error!, /Cannot find module \/tmp\/nowhere\.ts/);
    await triggers.close();
  });

  test('a module that does not export the handler is UnexpectedLambdaException (Runtime.ImportModuleError)', async () => {
    const fns = functionDir({ 'x.js': 'export const other = 1;' });
    const triggers = createTriggers({ functions: { [arn('x')]: { module: './x.js' } }, mode: 'production', baseDir: fns.dir, recorder: memoryRecorder(), log: memoryLog(), now: () => 0 });
    await rejectsWith(triggers.invoke(arn('x'), verifyAttributeEvent()), 'UnexpectedLambdaException', /Runtime\.ImportModuleError/);
    await triggers.close();
    fns.remove();
  });
});

describe('reloading in development mode', () => {
  for (const mode of ['development', 'production'] as const) {
    test(`${mode}: a changed file ${mode === 'development' ? 'is' : 'is not'} picked up`, async () => {
      const fns = functionDir({ 'f.js': answer('v1') });
      const triggers = createTriggers({ functions: { [arn('f')]: { module: './f.js' } }, mode, baseDir: fns.dir, recorder: memoryRecorder(), log: memoryLog(), now: () => 0 });
      try {
        assert.equal((await triggers.invoke(arn('f'), verifyAttributeEvent())).response.emailSubject, 'v1');
        fns.write('f.js', answer('v2'));
        const later = new Date(Date.now() + 5000);
        utimesSync(join(fns.dir, 'f.js'), later, later);
        assert.equal((await triggers.invoke(arn('f'), verifyAttributeEvent())).response.emailSubject, mode === 'development' ? 'v2' : 'v1');
      } finally {
        await triggers.close();
        fns.remove();
      }
    });
  }
});

describe('the time limit option', () => {
  test('a shorter limit stops a slow function sooner', async () => {
    const fns = functionDir({ 's.js': 'export const handler = (e) => new Promise((r) => setTimeout(() => r(e), 2000));' });
    const triggers = createTriggers({ functions: { [arn('s')]: { module: './s.js' } }, mode: 'production', baseDir: fns.dir, recorder: memoryRecorder(), log: memoryLog(), now: () => 0, timeoutMs: 300 });
    // The function answers after 2 s; a timeout rejection shows the 300 ms limit applied.
    await rejectsWith(triggers.invoke(arn('s'), verifyAttributeEvent()), 'UnexpectedLambdaException', /Socket timeout while invoking Lambda function/);
    await triggers.close();
    fns.remove();
  });
});

describe('parseFunctionsConfig', () => {
  test('accepts the three kinds and fills nothing in', () => {
    const cfg = parseFunctionsConfig(
      {
        [arn('m')]: { module: './m.ts#main', memorySize: 256, environment: { A: 'b' } },
        'u-fn': { url: 'http://127.0.0.1:3000/fn', headers: { authorization: 'Bearer x' } },
        [arn('l', '2')]: { lambda: { endpoint: 'http://127.0.0.1:3001', region: 'eu-west-1', functionName: 'other', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } } },
      },
      'config file x.json',
    );
    assert.deepEqual(cfg[arn('m')], { module: './m.ts#main', memorySize: 256, environment: { A: 'b' } });
    assert.deepEqual(cfg['u-fn'], { url: 'http://127.0.0.1:3000/fn', headers: { authorization: 'Bearer x' } });
    assert.deepEqual(cfg[arn('l', '2')], { lambda: { functionName: 'other', endpoint: 'http://127.0.0.1:3001', region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } } });
    assert.deepEqual(parseFunctionsConfig(undefined, 'x'), {});
  });

  const bad: [unknown, RegExp][] = [
    [[], /'functions' must be an object/],
    [{ 'not an arn!': { module: './a.js' } }, /the key must be a Lambda function ARN/],
    [{ a: { module: './a.js', url: 'http://x' } }, /exactly one of "module"/],
    [{ a: {} }, /exactly one of "module"/],
    [{ a: { module: '' } }, /'module' must be a non-empty string/],
    [{ a: { module: './a.js#' } }, /must look like "\.\/path\/to\/file\.ts"/],
    [{ a: { module: './a.js', memory: 1 } }, /unknown key 'memory'/],
    [{ a: { url: 'ftp://x' } }, /'url' must be an http:\/\/ or https:\/\/ URL/],
    [{ a: { lambda: 'x' } }, /\.lambda must be an object/],
    [{ a: { lambda: { credentials: { accessKeyId: 'a' } } } }, /credentials: 'secretAccessKey' must be a non-empty string/],
  ];
  for (const [raw, message] of bad) {
    test(`refuses ${JSON.stringify(raw)}`, () => {
      assert.throws(() => parseFunctionsConfig(raw, 'config file x.json'), (e: unknown) => e instanceof ConfigError && message.test(e.message) && e.message.startsWith('config file x.json'));
    });
  }
});
