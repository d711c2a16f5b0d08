import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import { arn, POOL } from '../../../test/support/trigger-functions.ts';
import type { InvocationRecord } from '../../domain/invocation.ts';
import { memoryRecorder } from '../../services/triggers/recorder.ts';
import { registerTriggerRoutes } from './trigger-log.ts';

const row = (n: number, over: Partial<InvocationRecord> = {}): InvocationRecord => ({
  id: String(n),
  userPoolId: POOL,
  triggerSource: 'CustomMessage_SignUp',
  functionArn: arn('f'),
  invoker: 'module',
  startedAt: n,
  durationMs: 1,
  outcome: 'ok',
  ...over,
});

test('GET /_cognate/triggers lists invocations newest first, filtered and limited', async () => {
  const recorder = memoryRecorder(3);
  for (let i = 1; i <= 4; i++) await recorder.record(row(i, i === 3 ? { userPoolId: 'other', triggerSource: 'PreSignUp_SignUp' } : {}));
  const app = Fastify();
  registerTriggerRoutes(app, recorder);
  const get = async (q: string) => (await app.inject({ method: 'GET', url: `/_cognate/triggers${q}` })).json() as { invocations: InvocationRecord[] };
  assert.deepEqual((await get('')).invocations.map((r) => r.id), ['4', '3', '2']); // capacity 3 dropped the oldest
  assert.deepEqual((await get(`?userPoolId=${POOL}`)).invocations.map((r) => r.id), ['4', '2']);
  assert.deepEqual((await get('?triggerSource=PreSignUp_SignUp')).invocations.map((r) => r.id), ['3']);
  assert.deepEqual((await get('?limit=1')).invocations.map((r) => r.id), ['4']);
  assert.equal((await app.inject({ method: 'GET', url: '/_cognate/triggers?limit=0' })).statusCode, 400);
  await app.close();
});
