/**
 * The delivery path as operations use it: route, quota, code and message stored together, the
 * dispatcher's first attempt and its retries, against a real SMTP server on loopback.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { freePort, startSmtpPeer } from '../../../test/support/smtp-peer.ts';
import type { PoolConfig, PoolRecord } from '../../domain/pool.ts';
import { DAILY_EMAIL_LIMIT_MESSAGE } from '../../errors/index.ts';
import type { DeliveryConfig } from '../../ground/config/delivery.ts';
import { SqliteStore } from '../../storage/sqlite/store.ts';
import { createCodes, type Codes } from '../codes/codes.ts';
import { loadKeyring } from '../codes/keyring.ts';
import { Sealer } from '../sealing/sealer.ts';
import { createChannel } from './channels/index.ts';
import type { Channel } from './channels/types.ts';
import { defaultDeliveryConfig } from './config.ts';
import { Dispatcher } from './dispatcher.ts';
import { deliveryMetrics } from './metrics.ts';
import { createOutbox, type CodeMessage } from './outbox.ts';

const dir = mkdtempSync(join(tmpdir(), 'cognate-delivery-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const random = { bytes: (n: number) => randomBytes(n) };
const log = pino({ level: 'silent' });
/** The master key of every rig (a restarted one opens what the first sealed). */
const masterKey = randomBytes(32);
let files = 0;

interface Rig {
  store: SqliteStore;
  dispatcher: Dispatcher;
  codes: Codes;
  pool: PoolRecord;
  metrics: Registry;
  send(over?: Partial<CodeMessage>): ReturnType<ReturnType<typeof createOutbox>['sendCode']>;
  close(): Promise<void>;
}

async function rig(options: { smtpPort: number; file?: string; pool?: PoolConfig; delivery?: Partial<DeliveryConfig>; keepCodes?: boolean; clock?: { now(): number }; sealer?: Sealer }): Promise<Rig> {
  const clock = options.clock ?? { now: () => Date.now() };
  const store = new SqliteStore(options.file ?? join(dir, `d${files++}.db`));
  const config: DeliveryConfig = {
    ...defaultDeliveryConfig('production'),
    channels: { capture: { type: 'capture' }, mail: { type: 'smtp', url: `smtp://127.0.0.1:${options.smtpPort}`, timeoutMs: 2000 } },
    defaultEmail: { channel: 'mail', from: 'Cognate <no-reply@example.com>' },
    waitMs: 1500,
    retryBaseMs: 50,
    pollMs: 50,
    ...options.delivery,
  };
  const channels = new Map<string, Channel>(Object.entries(config.channels).map(([n, c]) => [n, createChannel(n, c)]));
  const codes = createCodes({ keyring: await loadKeyring(store.secrets, [], random, clock), clock, random });
  const metrics = new Registry();
  const dispatcher = new Dispatcher({
    store, channels, clock, log, metrics: deliveryMetrics(metrics, store.messages),
    maxAttempts: config.maxAttempts, retryBaseMs: config.retryBaseMs, pollMs: config.pollMs, keepCodes: options.keepCodes ?? false, sendTimeoutMs: 2000,
    sealer: options.sealer ?? new Sealer(masterKey, [], random),
  });
  const pool: PoolRecord = { id: 'us-east-1_DELIVERY1', name: 'd', createdAt: 0, lastModifiedAt: 0, config: options.pool ?? { EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' } } };
  if (!(await store.pools.get(pool.id))) await store.pools.create(pool);
  const service = createOutbox({ store, codes, dispatcher, clock, config });
  return {
    store, dispatcher, codes, pool, metrics,
    send: (over = {}) =>
      service.sendCode({
        pool, userId: 'sub-alice', username: 'alice', purpose: 'attribute-verification', attribute: 'email', medium: 'email',
        destination: 'alice@example.com', subject: 'Your code', body: 'Hello {username}, your code is {####}.', ...over,
      }),
    async close() {
      await dispatcher.stop();
      await Promise.all([...channels.values()].map((c) => c.close()));
      await store.close();
    },
  };
}

const codeIn = (raw: string) => /your code is (\d{6})/.exec(raw)?.[1];
const key = { poolId: 'us-east-1_DELIVERY1', userId: 'sub-alice', purpose: 'attribute-verification' as const, attribute: 'email' };
const until = async (check: () => boolean | Promise<boolean>, ms = 5000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('delivering codes', () => {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((o) => o.close()));
  });

  it('sends the code through SMTP and answers with the masked destination', async () => {
    const smtp = await startSmtpPeer();
    const r = await rig({ smtpPort: smtp.port });
    open.push(r, smtp);
    assert.deepEqual(await r.send(), { destination: 'a***@e***', medium: 'EMAIL' });
    assert.equal(smtp.received.length, 1);
    const code = codeIn(smtp.received[0])!;
    assert.match(code, /^\d{6}$/);
    assert.match(smtp.received[0], /Hello alice/);
    assert.match(smtp.received[0], /From: Cognate <no-reply@example\.com>/);
    assert.deepEqual(await r.codes.verify(r.store.codes, key, code), { status: 'ok' });
    const [m] = await r.store.messages.list({ limit: 1 });
    assert.equal(m.status, 'sent');
    assert.equal(m.code, null, 'production mode keeps no code once the message is sent');
    assert.equal(m.body, '', 'nor the body that carried it');
    assert.equal(m.destination, 'a***@e***');
    assert.match(await r.metrics.metrics(), /cognate_messages_sent_total\{medium="email",channel="mail"\} 1/);
  });

  it('keeps no code in a final message, in its subject either, when the pool\'s subject carries it', async () => {
    const smtp = await startSmtpPeer();
    const r = await rig({ smtpPort: smtp.port });
    open.push(r, smtp);
    await r.send({ subject: 'Your code {####}' });
    const code = codeIn(smtp.received[0])!;
    assert.match(smtp.received[0], new RegExp(`Subject: Your code ${code}`), 'the subject went out with the code');
    const [m] = await r.store.messages.list({ limit: 1 });
    assert.equal(m.status, 'sent');
    assert.equal(m.subject, null);
    assert.equal(m.body, '');
    await r.send();
    const [plain] = await r.store.messages.list({ limit: 1 });
    assert.equal(plain.subject, 'Your code', 'a subject without the code stays');
  });

  it('keeps a message sealed while it waits, and purges it once delivered', async () => {
    const port = await freePort();
    const r = await rig({ smtpPort: port });
    open.push(r);
    r.dispatcher.start();
    await r.send({ subject: 'Code {####}' });
    const [queued] = await r.store.messages.list({ limit: 1 });
    assert.equal(queued.status, 'queued');
    for (const field of [queued.body, queued.subject, queued.code]) assert.match(field!, /^v2\./, 'sealed under the master key');
    const smtp = await startSmtpPeer({}, port);
    open.push(smtp);
    await until(async () => (await r.store.messages.get(queued.id))!.status === 'sent');
    const code = codeIn(smtp.received[0])!;
    assert.match(smtp.received[0], new RegExp(`Subject: Code ${code}`), 'sent in clear');
    const sent = (await r.store.messages.get(queued.id))!;
    assert.deepEqual([sent.body, sent.subject, sent.code, sent.destination], ['', null, null, 'a***@e***']);
    assert.deepEqual([sent.id, sent.medium, sent.channel, sent.username, sent.attempts >= 2, sent.createdAt, sent.sentAt! >= sent.createdAt], [queued.id, 'email', 'mail', 'alice', true, queued.createdAt, true]);
  });

  it('gives up on a message sealed under a master key this server does not hold, and invalidates its code', async () => {
    const port = await freePort();
    const first = await rig({ smtpPort: port, file: join(dir, 'other-key.db'), delivery: { maxAttempts: 2 } });
    await first.send();
    await first.close();
    const smtp = await startSmtpPeer({}, port);
    const r = await rig({ smtpPort: port, file: join(dir, 'other-key.db'), delivery: { maxAttempts: 2 }, sealer: new Sealer(randomBytes(32), [], random) });
    open.push(r, smtp);
    r.dispatcher.start();
    const [m] = await r.store.messages.list({ limit: 1 });
    await until(async () => (await r.store.messages.get(m.id))!.status === 'abandoned');
    const abandoned = (await r.store.messages.get(m.id))!;
    assert.match(abandoned.lastError!, /sealed under master key \S+, which is not configured/);
    assert.deepEqual([abandoned.body, abandoned.code], ['', null]);
    assert.equal(smtp.received.length, 0);
    assert.equal((await r.store.codes.get(key))!.invalidatedAt !== null, true);
  });

  it('answers CodeDeliveryFailureException and invalidates the code when the recipient is refused (550)', async () => {
    const smtp = await startSmtpPeer({
      onRcptTo: (_a, _s, cb) => cb(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 })),
    });
    const r = await rig({ smtpPort: smtp.port, keepCodes: true });
    open.push(r, smtp);
    await assert.rejects(r.send(), (e: Error & { type?: string }) => {
      assert.equal(e.type, 'CodeDeliveryFailureException');
      assert.match(e.message, /^Unable to deliver the code to a\*\*\*@e\*\*\*: .*550/);
      return true;
    });
    const [m] = await r.store.messages.list({ limit: 1 });
    assert.equal(m.status, 'failed');
    assert.deepEqual(await r.codes.verify(r.store.codes, key, m.code!), { status: 'expired' }, 'the undelivered code cannot be used');
    assert.match(await r.metrics.metrics(), /cognate_messages_failed_total\{medium="email",channel="mail"\} 1/);
  });

  it('answers at once when the SMTP server is down, then retries until it is back, sending once', async () => {
    const port = await freePort();
    const r = await rig({ smtpPort: port, keepCodes: true });
    open.push(r);
    r.dispatcher.start();
    assert.equal((await r.send()).medium, 'EMAIL', "a transient failure is not the caller's error");
    const [first] = await r.store.messages.list({ limit: 1 });
    // The dispatcher may be in its first attempt still (a loaded machine): its failure is awaited, not raced.
    await until(async () => (await r.store.messages.get(first.id))!.lastError !== null && (await r.store.messages.get(first.id))!.status === 'queued');
    const queued = (await r.store.messages.get(first.id))!;
    assert.match(queued.lastError!, /ESOCKET|ECONNECTION|ECONNREFUSED/);
    await until(async () => (await r.store.messages.get(queued.id))!.attempts >= 2);
    const smtp = await startSmtpPeer({}, port);
    open.push(smtp);
    await until(async () => (await r.store.messages.get(queued.id))!.status === 'sent');
    await new Promise((res) => setTimeout(res, 300));
    assert.equal(smtp.received.length, 1, 'delivered exactly once');
    assert.equal(codeIn(smtp.received[0]), queued.code);
    assert.match(await r.metrics.metrics(), /cognate_messages_retried_total\{medium="email",channel="mail"\} [1-9]/);
  });

  it('abandons a message after the configured attempts, and invalidates its code', async () => {
    const r = await rig({ smtpPort: await freePort(), keepCodes: true, delivery: { maxAttempts: 2 } });
    open.push(r);
    r.dispatcher.start();
    await r.send();
    const [m] = await r.store.messages.list({ limit: 1 });
    await until(async () => (await r.store.messages.get(m.id))!.status === 'abandoned');
    assert.equal((await r.store.messages.get(m.id))!.attempts, 2);
    assert.deepEqual(await r.codes.verify(r.store.codes, key, m.code!), { status: 'expired' });
  });

  it('delivers after a restart what was still queued, or left sending by a process that died', async () => {
    const port = await freePort();
    const file = join(dir, 'restart.db');
    let offset = 0;
    const clock = { now: () => Date.now() + offset };
    const first = await rig({ smtpPort: port, file, keepCodes: true, clock });
    await first.send();
    await first.send({ userId: 'sub-bob', username: 'bob', destination: 'bob@example.com' });
    // Bob's message is taken by a sender that then dies, leaving it 'sending' under a lease.
    const bob = (await first.store.messages.list({ limit: 1, username: 'bob' }))[0];
    await first.store.messages.claim({ id: bob.id, now: clock.now(), leaseMs: 60_000, limit: 1 });
    await first.close();

    const smtp = await startSmtpPeer({}, port);
    offset = 61_000; // past the dead sender's lease, and past both messages' retry times
    const second = await rig({ smtpPort: port, file, keepCodes: true, clock });
    open.push(second, smtp);
    second.dispatcher.start();
    await until(() => smtp.received.length >= 2);
    await new Promise((res) => setTimeout(res, 300));
    assert.equal(smtp.received.length, 2, 'each message once');
    assert.deepEqual(smtp.received.map((m) => /To: (\S+)/.exec(m)?.[1]).sort(), ['alice@example.com', 'bob@example.com']);
  });

  it("refuses, storing nothing, when the pool's email or SMS configuration has no channel here", async () => {
    const smtp = await startSmtpPeer();
    const developer: PoolConfig = { EmailConfiguration: { EmailSendingAccount: 'DEVELOPER', SourceArn: 'arn:aws:ses:us-east-1:000000000000:identity/example.com' } };
    const r = await rig({ smtpPort: smtp.port, pool: developer });
    open.push(r, smtp);
    await assert.rejects(r.send(), { type: 'InvalidEmailRoleAccessPolicyException', message: 'Cognito is not allowed to use your email identity.' });
    await assert.rejects(r.send({ medium: 'sms', destination: '+15555550100', attribute: 'phone_number' }), { type: 'InvalidSmsRoleAccessPolicyException' });
    assert.deepEqual(await r.store.messages.list({ limit: 10 }), []);
    assert.equal(await r.store.codes.get(key), undefined);
  });

  it('routes DEVELOPER email through its identity and SMS through its role, checking the ExternalId', async () => {
    const smtp = await startSmtpPeer();
    const arn = 'arn:aws:ses:us-east-1:000000000000:identity/example.com';
    const role = 'arn:aws:iam::000000000000:role/cognito-sms';
    const pool: PoolConfig = {
      EmailConfiguration: { EmailSendingAccount: 'DEVELOPER', SourceArn: arn, ReplyToEmailAddress: 'help@example.com' },
      SmsConfiguration: { SnsCallerArn: role, ExternalId: 'wrong' },
    };
    const r = await rig({ smtpPort: smtp.port, pool, delivery: { emailIdentities: { [arn]: { channel: 'mail' } }, smsRoles: { [role]: { channel: 'capture', externalId: 'expected' } } } });
    open.push(r, smtp);
    await r.send();
    assert.match(smtp.received[0], /From: no-reply@example\.com/);
    assert.match(smtp.received[0], /Reply-To: help@example\.com/);
    await assert.rejects(r.send({ medium: 'sms', destination: '+15555550100', attribute: 'phone_number' }), { type: 'InvalidSmsRoleTrustRelationshipException' });
  });

  it("enforces the daily COGNITO_DEFAULT email limit per pool, with AWS's message", async () => {
    const smtp = await startSmtpPeer();
    const r = await rig({ smtpPort: smtp.port, delivery: { cognitoDefaultDailyLimit: 2 } });
    open.push(r, smtp);
    await r.send();
    await r.send();
    await assert.rejects(r.send(), { type: 'LimitExceededException', message: DAILY_EMAIL_LIMIT_MESSAGE });
    assert.equal(smtp.received.length, 2);
  });

  it("captures messages in capture mode, whatever the pool's configuration", async () => {
    const developer: PoolConfig = { EmailConfiguration: { EmailSendingAccount: 'DEVELOPER', SourceArn: 'arn:aws:ses:us-east-1:000000000000:identity/example.com' } };
    const r = await rig({ smtpPort: await freePort(), pool: developer, keepCodes: true, delivery: { mode: 'capture' } });
    open.push(r);
    assert.deepEqual(await r.send({ medium: 'sms', destination: '+15555550123', attribute: 'phone_number' }), { destination: '+*******0123', medium: 'SMS' });
    const [m] = await r.store.messages.list({ limit: 1 });
    assert.equal(m.status, 'sent');
    assert.equal(m.channel, 'capture');
    assert.match(m.body, new RegExp(`your code is ${m.code}`));
  });
});
