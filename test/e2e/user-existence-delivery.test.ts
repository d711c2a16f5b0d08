/**
 * Issue 18, review of finding 7: ForgotPassword and ResendConfirmationCode told a user from a name
 * no user holds by when, and whether, the message went out. For a name no user holds the simulated
 * answer comes at once; a user's waited for the first delivery attempt (an SMTP or SNS round trip:
 * tens to hundreds of milliseconds), and a refusal by the relay answered
 * CodeDeliveryFailureException, which no unknown name can get. Where the client hides whether users
 * exist, a user's answer now comes once the code and its message are in the outbox: the dispatcher
 * sends it, and a refusal invalidates the code, as it does for a background retry. Other clients
 * still wait for the attempt, and hear of a refusal. (The figures, known against unknown with a
 * relay taking 200 ms a message: `node scripts/existence-timing.ts 40 200`.)
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConfirmForgotPasswordCommand, ForgotPasswordCommand, ResendConfirmationCodeCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { ClientRecord } from '../../src/domain/client.ts';
import type { PoolRecord } from '../../src/domain/pool.ts';
import type { UserRecord } from '../../src/domain/user.ts';
import { startSmtpPeer, type SmtpPeer } from '../support/smtp-peer.ts';
import { startRig, type Rig } from '../support/rig.ts';

/** What a call answered: its error's type, or its CodeDeliveryDetails. */
async function answer(p: Promise<{ CodeDeliveryDetails?: object }>): Promise<unknown> {
  try {
    return (await p).CodeDeliveryDetails;
  } catch (e) {
    return (e as Error).name;
  }
}

describe('a hiding client answers a user without waiting on the delivery of their code', () => {
  let rig: Rig;
  let smtp: SmtpPeer;
  let pool: PoolRecord;
  let hiding: ClientRecord;
  let legacy: ClientRecord;
  let bounceReset: UserRecord;
  /** Recipients whose message the relay holds until the test ends. */
  const held = new Set<string>();
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));

  before(async () => {
    smtp = await startSmtpPeer({
      onRcptTo: (address, session, done) => {
        if (address.address.startsWith('bounce')) return done(Object.assign(new Error('5.1.1 Mailbox unavailable'), { responseCode: 550 }));
        if (!address.address.startsWith('slow')) return done();
        held.add(address.address);
        void released.then(() => done());
      },
    });
    rig = await startRig({
      config: {
        delivery: {
          mode: 'route',
          channels: { mail: { type: 'smtp', url: `smtp://127.0.0.1:${smtp.port}`, timeoutMs: 60_000 } },
          defaultEmail: { channel: 'mail' },
          // Far longer than the test's own timeout: a request that waits on the held message fails it.
          waitMs: 60_000,
        },
      },
    });
    pool = await rig.pool({ AutoVerifiedAttributes: ['email'] });
    hiding = await rig.client(pool, { PreventUserExistenceErrors: 'ENABLED' });
    legacy = await rig.client(pool, { PreventUserExistenceErrors: 'LEGACY' });
    const verified = (name: string) => ({ username: name, email: `${name}@example.com`, email_verified: 'true' });
    await rig.user(pool, verified('slow-reset'));
    bounceReset = await rig.user(pool, verified('bounce-reset'));
    await rig.user(pool, verified('bounce-legacy'));
    await rig.user(pool, { username: 'slow-pending', email: 'slow-pending@example.com' }, { status: 'UNCONFIRMED' });
    await rig.user(pool, { username: 'bounce-pending', email: 'bounce-pending@example.com' }, { status: 'UNCONFIRMED' });
  });
  after(async () => {
    release();
    await rig.close();
    await smtp.close();
  });

  const forgot = (client: ClientRecord, Username: string) => answer(rig.cognito.send(new ForgotPasswordCommand({ ClientId: client.clientId, Username })));
  const resend = (client: ClientRecord, Username: string) => answer(rig.cognito.send(new ResendConfirmationCodeCommand({ ClientId: client.clientId, Username })));

  it('answers while the relay still holds the message', { timeout: 20_000 }, async () => {
    assert.deepEqual(await forgot(hiding, 'slow-reset'), { Destination: 's***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    assert.deepEqual(await resend(hiding, 'slow-pending'), { Destination: 's***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    // Held by the relay, not merely still queued: the answer did not wait on the attempt under way.
    for (let i = 0; held.size < 2 && i < 100; i++) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual([...held].sort(), ['slow-pending@example.com', 'slow-reset@example.com']);
  });

  it('answers a refused message as a delivered one, and the code it carried no longer works', async () => {
    assert.deepEqual(await forgot(hiding, 'bounce-reset'), { Destination: 'b***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    assert.deepEqual(await resend(hiding, 'bounce-pending'), { Destination: 'b***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    // The refusal, recorded in the background, invalidates the code.
    const code = () => rig.app.store.codes.get({ poolId: pool.id, userId: bounceReset.sub, purpose: 'forgot-password', attribute: '' });
    for (let i = 0; i < 100 && (await code())?.invalidatedAt == null; i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok((await code())?.invalidatedAt, 'the refused code was invalidated');
    const [message] = await rig.inbox(pool, 'bounce-reset');
    await assert.rejects(
      rig.cognito.send(new ConfirmForgotPasswordCommand({ ClientId: hiding.clientId, Username: 'bounce-reset', ConfirmationCode: message.code, Password: 'Fresh-passw0rd!' })),
      { name: 'CodeMismatchException' },
    );
  });

  it('still waits for the attempt, and says it was refused, for a client that does not hide users', async () => {
    assert.equal(await forgot(legacy, 'bounce-legacy'), 'CodeDeliveryFailureException');
  });
});
