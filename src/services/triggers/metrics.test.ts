import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Registry } from 'prom-client';
import { arn, functionDir, memoryLog, rejectsWith, verifyAttributeEvent } from '../../../test/support/trigger-functions.ts';
import { createTriggers, memoryRecorder } from './index.ts';

test('cognate_trigger_invocations_total counts by trigger source and outcome', async () => {
  const fns = functionDir({ 'ok.js': 'export const handler = async (e) => e;', 'bad.js': 'export const handler = async () => { throw new Error("no"); };' });
  const metrics = new Registry();
  const options = {
    functions: { [arn('ok')]: { module: './ok.js' }, [arn('bad')]: { module: './bad.js' } },
    mode: 'production' as const,
    baseDir: fns.dir,
    recorder: memoryRecorder(),
    metrics,
    log: memoryLog(),
    now: () => 0,
  };
  const triggers = createTriggers(options);
  const again = createTriggers(options); // a second instance on the same registry shares the counter
  await triggers.invoke(arn('ok'), verifyAttributeEvent());
  await again.invoke(arn('ok'), verifyAttributeEvent());
  await rejectsWith(triggers.invoke(arn('bad'), verifyAttributeEvent()), 'UserLambdaValidationException');
  const text = await metrics.metrics();
  assert.match(text, /cognate_trigger_invocations_total\{trigger_source="CustomMessage_VerifyUserAttribute",outcome="ok"\} 2/);
  assert.match(text, /cognate_trigger_invocations_total\{trigger_source="CustomMessage_VerifyUserAttribute",outcome="UserLambdaValidationException"\} 1/);
  await triggers.close();
  await again.close();
  fns.remove();
});
