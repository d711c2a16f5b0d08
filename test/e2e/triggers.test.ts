/**
 * Triggers as the server runs them: functions mapped in a config file, invoked through the
 * running app, recorded at /_cognate/triggers and counted in /metrics.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createApp, type App } from '../../src/app/app.ts';
import { loadConfig } from '../../src/app/config/load.ts';
import { customMessageEvent } from '../../src/services/triggers/index.ts';

const EXAMPLE = resolve(new URL('../../examples/triggers/custom-message.ts', import.meta.url).pathname);
const ARN = 'arn:aws:lambda:us-east-1:000000000000:function:custom-message';
const BUSY = 'arn:aws:lambda:us-east-1:000000000000:function:busy';

describe('trigger functions configured for the server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cognate-triggers-'));
  let app: App;
  let url: string;
  before(async () => {
    writeFileSync(join(dir, 'busy.mjs'), 'export const handler = async () => { for (;;) {} };\n');
    const configFile = join(dir, 'cognate.json');
    writeFileSync(configFile, JSON.stringify({ functions: { [ARN]: { module: `${EXAMPLE}#handler` }, [BUSY]: { module: './busy.mjs' } } }));
    app = await createApp(loadConfig(['--config', configFile, '--db', join(dir, 'db.sqlite'), '--port', '0', '--log-level', 'silent'], {}));
    url = await app.listen();
  });
  after(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const event = () =>
    customMessageEvent({
      region: 'us-east-1', userPoolId: 'us-east-1_TRIGGERS1', userName: 'alice', clientId: 'client-1',
      triggerSource: 'CustomMessage_VerifyUserAttribute',
      userAttributes: { sub: 's-1', email: 'alice@example.com', email_verified: 'false' },
      clientMetadata: { appName: 'Acme', locale: 'fr' },
    });

  it('runs the example CustomMessage function with the request ClientMetadata', async () => {
    const answer = await app.deps.triggers.invoke(ARN, event());
    assert.match(answer.response.emailSubject!, /Acme/);
    assert.match(answer.response.emailMessage!, /\{####\}/);
    assert.match(answer.response.smsMessage!, /\{####\}/);
  });

  it('lists the invocation at /_cognate/triggers and counts it in /metrics', async () => {
    const res = await fetch(`${url}/_cognate/triggers?userPoolId=us-east-1_TRIGGERS1`);
    const { invocations } = (await res.json()) as { invocations: { triggerSource: string; outcome: string; invoker: string; functionArn: string }[] };
    assert.equal(invocations[0].triggerSource, 'CustomMessage_VerifyUserAttribute');
    assert.equal(invocations[0].outcome, 'ok');
    assert.equal(invocations[0].invoker, 'module');
    assert.equal(invocations[0].functionArn, ARN);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    assert.match(metrics, /cognate_trigger_invocations_total\{trigger_source="CustomMessage_VerifyUserAttribute",outcome="ok"\} 1/);
  });

  it('keeps answering while a function loops forever, then reports UnexpectedLambdaException', async () => {
    const started = Date.now();
    let settled = false;
    const looping = app.deps.triggers.invoke(BUSY, event()).then(
      () => assert.fail('a looping function cannot answer'),
      (e: { type: string; message: string }) => e,
    ).finally(() => (settled = true));
    // Ordering, not timing: every request is answered while the function is still looping.
    for (let i = 0; i < 5; i++) {
      assert.equal((await fetch(`${url}/health`)).status, 200);
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(settled, false, 'the server answered five requests while the function was still running');
    const error = await looping;
    assert.equal(error.type, 'UnexpectedLambdaException');
    assert.match(error.message, /^CustomMessage invocation failed due to error Socket timeout while invoking Lambda function\.$/);
    assert.ok(Date.now() - started >= 4900, 'Cognito waits 5 seconds');
  });
});
