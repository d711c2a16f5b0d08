/** The contract for the trigger log's invocations (see index.ts for the rest). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Store } from '../store.ts';

export function invocationsContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract (trigger invocations): ${name}`, () => {
    it('records invocations and lists them newest first, filtered', async () => {
      const store = await open();
      try {
        const base = { functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:f', invoker: 'module' as const, durationMs: 1.5, startedAt: 1 };
        await store.invocations.record({ ...base, id: 'a', userPoolId: 'p1', triggerSource: 'PreSignUp_SignUp', outcome: 'ok' });
        await store.invocations.record({ ...base, id: 'b', userPoolId: 'p2', triggerSource: 'CustomMessage_SignUp', outcome: 'UserLambdaValidationException', error: 'boom' });
        await store.invocations.record({ ...base, id: 'c', userPoolId: 'p1', triggerSource: 'CustomMessage_SignUp', outcome: 'ok' });
        assert.deepEqual((await store.invocations.list({ limit: 10 })).map((r) => r.id), ['c', 'b', 'a']);
        assert.deepEqual((await store.invocations.list({ limit: 10, userPoolId: 'p1' })).map((r) => r.id), ['c', 'a']);
        assert.deepEqual((await store.invocations.list({ limit: 10, triggerSource: 'CustomMessage_SignUp' })).map((r) => r.id), ['c', 'b']);
        assert.deepEqual((await store.invocations.list({ limit: 1 })).map((r) => r.id), ['c']);
        const [b] = await store.invocations.list({ limit: 1, userPoolId: 'p2' });
        assert.deepEqual(b, { ...base, id: 'b', userPoolId: 'p2', triggerSource: 'CustomMessage_SignUp', outcome: 'UserLambdaValidationException', error: 'boom' });
      } finally {
        await store.close();
      }
    });
  });
}
