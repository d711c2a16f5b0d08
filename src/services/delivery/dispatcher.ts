import type { FastifyBaseLogger } from 'fastify';
import type { NewMessage, StoredMessage } from '../../domain/message.ts';
import type { Clock } from '../../ground/clock.ts';
import type { MessageRedaction } from '../../storage/repositories/messages.ts';
import type { Store } from '../../storage/store.ts';
import type { LogExporter } from '../log-delivery/exporter.ts';
import { SealedValueError, type Sealer } from '../sealing/sealer.ts';
import { openMessage, redaction, sealMessage } from './at-rest.ts';
import { DeliveryError, type Channel } from './channels/types.ts';
import type { DeliveryMetrics } from './metrics.ts';

export type AttemptOutcome = { status: 'sent' } | { status: 'pending' } | { status: 'failed'; reason: string };

export interface DispatcherOptions {
  store: Store;
  channels: ReadonlyMap<string, Channel>;
  clock: Clock;
  log: FastifyBaseLogger;
  metrics?: DeliveryMetrics;
  maxAttempts: number;
  retryBaseMs: number;
  pollMs: number;
  /**
   * Keep messages as written (development: the inbox shows their codes). Otherwise a message is
   * sealed under the master key until it is final, then its body and code are purged.
   */
  keepCodes: boolean;
  sealer: Sealer;
  /** How long one send may take before it counts as a transient failure. */
  sendTimeoutMs?: number;
  /** The pools' exported logs: each failed attempt is a userNotification error record (SetLogDeliveryConfiguration). */
  logs?: LogExporter;
}

const MAX_BACKOFF_MS = 15 * 60 * 1000;
const BATCH = 16;

/**
 * Sends what the outbox holds. Messages are claimed with a lease, so several dispatchers (several
 * instances on one database) never send one message twice while its sender lives, and a message
 * whose sender died is taken up again when the lease runs out.
 */
export class Dispatcher {
  readonly #o: DispatcherOptions;
  readonly #inFlight = new Set<Promise<unknown>>();
  #timer: NodeJS.Timeout | null = null;
  #running = false;
  #ticking = false;
  #again = false;

  constructor(options: DispatcherOptions) {
    this.#o = options;
  }

  get leaseMs(): number {
    return (this.#o.sendTimeoutMs ?? 30_000) * 2;
  }

  start(): void {
    this.#running = true;
    this.wake();
  }

  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await Promise.allSettled([...this.#inFlight]);
  }

  /** Looks for due messages now (after an enqueue, or when the timer fires). */
  wake(): void {
    if (!this.#running) return;
    if (this.#ticking) {
      this.#again = true;
      return;
    }
    this.#ticking = true;
    void this.#tick().finally(() => {
      this.#ticking = false;
      if (this.#again) {
        this.#again = false;
        this.wake();
      }
    });
  }

  /**
   * Sends message `id` at once and waits up to `waitMs` for the outcome. A transient failure or a
   * send still under way after `waitMs` is 'pending': retries go on in the background.
   */
  async attempt(id: string, waitMs: number): Promise<AttemptOutcome> {
    const [message] = await this.#o.store.messages.claim({ id, now: this.#o.clock.now(), leaseMs: this.leaseMs, limit: 1 });
    if (!message) return { status: 'pending' };
    return this.attemptClaimed(message, waitMs);
  }

  /**
   * `message` as the outbox is to store it. A message whose channel sends nothing out of the
   * process (capture: the outbox row is the delivery) is stored final in the first place, which
   * saves a second write, and its commit, per message. Any other is sealed, unless codes are kept.
   */
  atRest<M extends NewMessage>(message: M, now: number): M {
    if (this.#o.channels.get(message.channel)?.type === 'capture') {
      const redacted = this.#o.keepCodes ? {} : { ...redaction(message, message), code: null };
      return { ...message, ...redacted, status: 'sent', sentAt: now, leaseUntil: null, nextAttemptAt: now, updatedAt: now };
    }
    return this.#o.keepCodes ? message : sealMessage(this.#o.sealer, message);
  }

  /** Counts and logs a message atRest() made final. */
  recordSentAtOnce(m: StoredMessage): void {
    const labels = { medium: m.medium, channel: m.channel };
    this.#o.metrics?.sent.inc(labels);
    this.#o.metrics?.latency.observe(labels, 0);
    this.#o.log.info({ messageId: m.id, channel: m.channel, medium: m.medium, attempt: m.attempts }, 'message sent');
  }

  /** As attempt(), for a message its caller stored already claimed (status 'sending', leased for leaseMs). */
  async attemptClaimed(message: StoredMessage, waitMs: number): Promise<AttemptOutcome> {
    const sending = this.#track(this.#send(message));
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<AttemptOutcome>((resolve) => (timer = setTimeout(() => resolve({ status: 'pending' }), waitMs)));
    try {
      return await Promise.race([sending, waited]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Sends a message its caller stored already claimed, without waiting for the outcome, which is
   * recorded as any attempt's: a transient failure retried, a permanent one invalidating the code.
   */
  sendClaimed(message: StoredMessage): void {
    // Begun after the caller's answer is on its way (opening the channel's connection is work of
    // its own, which would delay it), and tracked from now, so that stop() waits for it.
    void this.#track(new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.#send(message)));
  }

  #track<T>(p: Promise<T>): Promise<T> {
    this.#inFlight.add(p);
    void p.finally(() => this.#inFlight.delete(p)).catch(() => {});
    return p;
  }

  async #tick(): Promise<void> {
    const { store, clock, log, pollMs } = this.#o;
    try {
      const due = await store.messages.claim({ now: clock.now(), leaseMs: this.leaseMs, limit: BATCH });
      await Promise.all(due.map((m) => this.#track(this.#send(m))));
      if (due.length === BATCH) return this.#schedule(0);
      const next = await store.messages.nextDueAt();
      this.#schedule(next === undefined ? pollMs : Math.min(pollMs, Math.max(0, next - clock.now())));
    } catch (e) {
      log.error({ err: e }, 'delivery: could not read the outbox');
      this.#schedule(pollMs);
    }
  }

  #schedule(ms: number): void {
    if (!this.#running) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.wake(), ms);
  }

  /**
   * The message in clear, to be sent. One sealed under a master key this server does not hold
   * fails as a transient failure: another instance may hold it, and otherwise the message is
   * abandoned after its attempts, and its code invalidated.
   */
  #open(m: StoredMessage): StoredMessage {
    try {
      return openMessage(this.#o.sealer, m);
    } catch (e) {
      if (!(e instanceof SealedValueError)) throw e;
      this.#o.log.error({ messageId: m.id, masterKeyId: e.keyId }, `delivery: cannot open a message: ${e.message}`);
      throw new DeliveryError(e.message, false);
    }
  }

  /** What a final message keeps, when codes are not kept. */
  #redaction(m: StoredMessage, clear: StoredMessage | undefined): MessageRedaction | undefined {
    return this.#o.keepCodes ? undefined : redaction(m, clear);
  }

  #backoff(attempts: number): number {
    const exp = Math.min(MAX_BACKOFF_MS, this.#o.retryBaseMs * 2 ** (attempts - 1));
    return Math.round(exp * (0.5 + Math.random() * 0.5));
  }

  /** One attempt at a claimed message; records the outcome in the store. Never rejects. */
  async #send(m: StoredMessage): Promise<AttemptOutcome> {
    const { store, clock, log, metrics, channels } = this.#o;
    const labels = { medium: m.medium, channel: m.channel };
    const channel = channels.get(m.channel);
    let clear: StoredMessage | undefined;
    try {
      if (!channel) throw new DeliveryError(`channel '${m.channel}' is not configured on this server`, false);
      clear = this.#open(m);
      await channel.send(
        { id: m.id, medium: m.medium, destination: m.destination, subject: clear.subject ?? undefined, body: clear.body, from: m.from ?? undefined, replyTo: m.replyTo ?? undefined, userPoolId: m.poolId, username: m.username },
        AbortSignal.timeout(this.#o.sendTimeoutMs ?? 30_000),
      );
    } catch (e) {
      return this.#failedAttempt(m, e, this.#redaction(m, clear));
    }
    const now = clock.now();
    metrics?.sent.inc(labels);
    metrics?.latency.observe(labels, (now - m.createdAt) / 1000);
    log.info({ messageId: m.id, channel: m.channel, medium: m.medium, attempt: m.attempts }, 'message sent');
    // Recorded without holding the caller's answer, which says only that the channel took the
    // message: the record changes nothing for the caller, and were it lost (the process dying before
    // it reached the disk) the message would go out again when its lease ran out, as it would
    // after a crash just before the record. stop() still waits for it.
    void this.#track(
      store.messages.finish(m.id, { status: 'sent', now, redact: this.#redaction(m, clear) }).catch((storeError: unknown) => {
        log.error({ err: storeError, messageId: m.id }, 'delivery: could not record a sent message; it is sent again when its lease runs out');
      }),
    );
    return { status: 'sent' };
  }

  /**
   * The error record of a pool that exports userNotification logs. Its details name the message
   * and the channel's reason, never the destination nor the message's text (which holds the code).
   */
  #exportFailure(m: StoredMessage, reason: string, outcome: string): void {
    const medium = m.medium === 'sms' ? 'SMS' : 'email';
    void this.#o.logs?.notificationError(m.poolId, `Could not deliver the ${medium} message ${m.id} (attempt ${m.attempts}, ${outcome}): ${reason}`);
  }

  /** A failed attempt, recorded before the caller hears of it: a permanent failure also invalidates the code. */
  async #failedAttempt(m: StoredMessage, e: unknown, redact: MessageRedaction | undefined): Promise<AttemptOutcome> {
    const { store, clock, log, metrics } = this.#o;
    const labels = { medium: m.medium, channel: m.channel };
    const reason = e instanceof Error ? e.message : String(e);
    const permanent = e instanceof DeliveryError && e.permanent;
    const now = clock.now();
    try {
      if (permanent || m.attempts >= this.#o.maxAttempts) {
        const status = permanent ? 'failed' : 'abandoned';
        // The code it carried never arrived: nobody may use it. One transaction, so that a message
        // seen as given up never has a code that still works (nor after a crash between the two).
        await store.transaction(async (tx) => {
          await tx.messages.finish(m.id, { status, now, error: reason, redact });
          if (m.codeKey && m.codeHmac) await tx.codes.invalidate(m.codeKey, m.codeHmac, now);
        });
        (permanent ? metrics?.failed : metrics?.abandoned)?.inc(labels);
        log.warn({ messageId: m.id, channel: m.channel, attempt: m.attempts, reason }, `message ${status}`);
        this.#exportFailure(m, reason, permanent ? 'not retried' : 'given up');
        return { status: 'failed', reason };
      }
      await store.messages.finish(m.id, { status: 'queued', now, error: reason, nextAttemptAt: now + this.#backoff(m.attempts) });
      metrics?.retried.inc(labels);
      log.warn({ messageId: m.id, channel: m.channel, attempt: m.attempts, reason }, 'message will be retried');
      this.#exportFailure(m, reason, 'to be retried');
      this.#schedule(0);
    } catch (storeError) {
      // The lease runs out and the message is taken up again.
      log.error({ err: storeError, messageId: m.id }, 'delivery: could not record an attempt');
    }
    return { status: 'pending' };
  }
}
