/** The contract for auth events and risk configurations (threat protection; see index.ts for the rest). */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { AuthEventRecord } from '../../domain/auth-event.ts';
import type { UserRecord } from '../../domain/user.ts';
import type { Store } from '../store.ts';

const POOL = 'us-east-1_THREAT000';

const user = (sub: string): UserRecord => ({
  poolId: POOL, sub, username: sub, status: 'CONFIRMED', enabled: true, attributes: { sub }, pending: {}, password: null, settings: {},
  createdAt: 1000, lastModifiedAt: 1000, version: 1,
});

const event = (sub: string, eventId: string, over: Partial<AuthEventRecord> = {}): AuthEventRecord => ({
  poolId: POOL, sub, eventId, kind: 'SignIn', createdAt: 2000, response: 'Pass', decision: 'NoRisk', level: null, compromised: false,
  challenges: [{ ChallengeName: 'Password', ChallengeResponse: 'Success' }], context: { ipAddress: '192.0.2.1', deviceName: 'Chrome, Linux' },
  feedbackTokenHash: null, feedback: null, ...over,
});

export function threatContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract (auth events, risk configurations): ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
      await store.pools.create({ id: POOL, name: 'threat', createdAt: 0, lastModifiedAt: 0, config: {} });
      for (const sub of ['alice', 'bob']) await store.users.create(user(sub), { usernameKey: sub, aliases: [], search: [] });
    });
    afterEach(() => store.close());

    it("keeps a user's events, listed newest first a page at a time, apart from other users'", async () => {
      for (const id of ['e1', 'e2', 'e3']) await store.authEvents.record(event('alice', id));
      const risky = event('bob', 'e4', { level: 'High', decision: 'Block', response: 'Fail', compromised: true, feedback: { value: 'Invalid', provider: 'Admin', at: 3000 } });
      await store.authEvents.record(risky);
      assert.deepEqual(await store.authEvents.get(POOL, 'bob', 'e4'), risky);
      assert.equal(await store.authEvents.get(POOL, 'alice', 'e4'), undefined);
      const first = await store.authEvents.list(POOL, 'alice', { limit: 2 });
      assert.deepEqual(first.items.map((e) => e.eventId), ['e3', 'e2']);
      const second = await store.authEvents.list(POOL, 'alice', { limit: 2, after: first.next });
      assert.deepEqual([second.items.map((e) => e.eventId), second.next], [['e1'], undefined]);
    });

    it('a sign-in history of successful sign-ins and of those judged valid, not of those judged invalid', async () => {
      await store.authEvents.record(event('alice', 'ok', { context: { ipAddress: '192.0.2.1', deviceName: 'A' } }));
      await store.authEvents.record(event('alice', 'refused', { response: 'Fail', context: { ipAddress: '192.0.2.2', deviceName: 'B' } }));
      await store.authEvents.record(event('alice', 'refused-but-me', { response: 'Fail', context: { ipAddress: '192.0.2.3', deviceName: 'C' } }));
      await store.authEvents.record(event('alice', 'not-me', { context: { ipAddress: '192.0.2.4', deviceName: 'D' } }));
      await store.authEvents.record(event('alice', 'sign-up', { kind: 'SignUp', context: { ipAddress: '192.0.2.5', deviceName: 'E' } }));
      assert.ok(await store.authEvents.setFeedback(POOL, 'alice', 'refused-but-me', { value: 'Valid', provider: 'Admin', at: 1 }));
      assert.ok(await store.authEvents.setFeedback(POOL, 'alice', 'not-me', { value: 'Invalid', provider: 'Admin', at: 1 }));
      assert.equal(await store.authEvents.setFeedback(POOL, 'alice', 'nope', { value: 'Valid', provider: 'Admin', at: 1 }), false);
      const history = await store.authEvents.signInHistory(POOL, 'alice', 10);
      assert.deepEqual(history.map((h) => h.ip).sort(), ['192.0.2.1', '192.0.2.3']);
    });

    it('a feedback token works once', async () => {
      await store.authEvents.record(event('alice', 'e1', { feedbackTokenHash: 'ab'.repeat(32) }));
      const feedback = { value: 'Valid' as const, provider: 'User' as const, at: 5000 };
      assert.equal(await store.authEvents.useFeedbackToken(POOL, 'alice', 'e1', 'cd'.repeat(32), feedback), false);
      assert.ok(await store.authEvents.useFeedbackToken(POOL, 'alice', 'e1', 'ab'.repeat(32), feedback));
      assert.equal(await store.authEvents.useFeedbackToken(POOL, 'alice', 'e1', 'ab'.repeat(32), feedback), false);
      const e = await store.authEvents.get(POOL, 'alice', 'e1');
      assert.deepEqual([e!.feedbackTokenHash, e!.feedback], [null, feedback]);
    });

    it('events go with their user; risk configurations, pool-wide and per client, are replaced and go with their pool', async () => {
      await store.authEvents.record(event('bob', 'e1'));
      await store.users.delete(POOL, 'bob');
      assert.equal(await store.authEvents.get(POOL, 'bob', 'e1'), undefined);

      await store.riskConfigurations.put({ poolId: POOL, clientId: null, exceptions: { BlockedIPRangeList: ['10.0.0.0/8'] }, lastModifiedAt: 1 });
      await store.riskConfigurations.put({ poolId: POOL, clientId: 'client1', compromisedCredentials: { Actions: { EventAction: 'BLOCK' } }, lastModifiedAt: 2 });
      await store.riskConfigurations.put({ poolId: POOL, clientId: null, accountTakeover: { Actions: {} }, lastModifiedAt: 3 });
      assert.deepEqual(await store.riskConfigurations.get(POOL, null), { poolId: POOL, clientId: null, accountTakeover: { Actions: {} }, lastModifiedAt: 3 });
      assert.equal((await store.riskConfigurations.get(POOL, 'client1'))!.compromisedCredentials?.Actions?.EventAction, 'BLOCK');
      assert.equal(await store.riskConfigurations.get(POOL, 'client2'), undefined);
      await store.pools.delete(POOL);
      assert.equal(await store.riskConfigurations.get(POOL, null), undefined);
    });
  });
}
