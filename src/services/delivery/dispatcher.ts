import type { FastifyBaseLogger } from 'fastify';
import type { NewMessage, StoredMessage } from '../../domain/message.ts';
import type { Clock } from '../../ground/clock.ts';
import type { Store } from '../../storage/store.ts';
import { DeliveryError, type Channel } from './channels/types.ts';
import type { DeliveryMetrics } from './metrics.ts';

/** What a final message keeps in place of its body and subject when the code must not stay. */
type Masked = { scrubbedBody: string; scrubbedSubject?: string };

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
  /** Keep codes in sent messages (development: the inbox shows them); otherwise they are masked once a message is final. */
  keepCodes: boolean;
  /** How long one send may take before it counts as a transient failure. */
  sendTimeoutMs?: number;
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
   * `message` as it is once sent, when its channel sends nothing out of the process (capture: the
   * outbox row is the delivery), so that it is stored final in the first place; undefined for a
   * channel that must be tried. Saves a second write, and its commit, per message.
   */
  sentAtOnce<M extends NewMessage>(message: M, now: number): M | undefined {
    if (this.#o.channels.get(message.channel)?.type !== 'capture') return undefined;
    const masked = this.#masked(message);
    const scrubbed = masked ? { body: masked.scrubbedBody, subject: masked.scrubbedSubject ?? message.subject, code: null } : {};
    return { ...message, ...scrubbed, status: 'sent', sentAt: now, leaseUntil: null, nextAttemptAt: now, updatedAt: now };
  }

  /** Counts and logs a message sentAtOnce() made final. */
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
   * The message as it is kept once final when codes are not kept (production): the code replaced
   * in the body and in the subject (a pool's subject template may carry it too).
   */
  #masked(m: Pick<StoredMessage, 'code' | 'body' | 'subject'>): Masked | undefined {
    if (this.#o.keepCodes || !m.code) return undefined;
    const mask = (text: string) => text.split(m.code!).join('******');
    return { scrubbedBody: mask(m.body), ...(m.subject?.includes(m.code) ? { scrubbedSubject: mask(m.subject) } : {}) };
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
    const masked = this.#masked(m);
    try {
      if (!channel) throw new DeliveryError(`channel '${m.channel}' is not configured on this server`, false);
      await channel.send(
        { id: m.id, medium: m.medium, destination: m.destination, subject: m.subject ?? undefined, body: m.body, from: m.from ?? undefined, replyTo: m.replyTo ?? undefined, userPoolId: m.poolId, username: m.username },
        AbortSignal.timeout(this.#o.sendTimeoutMs ?? 30_000),
      );
    } catch (e) {
      return this.#failedAttempt(m, e, masked);
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
      store.messages.finish(m.id, { status: 'sent', now, ...masked }).catch((storeError: unknown) => {
        log.error({ err: storeError, messageId: m.id }, 'delivery: could not record a sent message; it is sent again when its lease runs out');
      }),
    );
    return { status: 'sent' };
  }

  /** A failed attempt, recorded before the caller hears of it: a permanent failure also invalidates the code. */
  async #failedAttempt(m: StoredMessage, e: unknown, masked: Masked | undefined): Promise<AttemptOutcome> {
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
          await tx.messages.finish(m.id, { status, now, error: reason, ...masked });
          if (m.codeKey && m.codeHmac) await tx.codes.invalidate(m.codeKey, m.codeHmac, now);
        });
        (permanent ? metrics?.failed : metrics?.abandoned)?.inc(labels);
        log.warn({ messageId: m.id, channel: m.channel, attempt: m.attempts, reason }, `message ${status}`);
        return { status: 'failed', reason };
      }
      await store.messages.finish(m.id, { status: 'queued', now, error: reason, nextAttemptAt: now + this.#backoff(m.attempts) });
      metrics?.retried.inc(labels);
      log.warn({ messageId: m.id, channel: m.channel, attempt: m.attempts, reason }, 'message will be retried');
      this.#schedule(0);
    } catch (storeError) {
      // The lease runs out and the message is taken up again.
      log.error({ err: storeError, messageId: m.id }, 'delivery: could not record an attempt');
    }
    return { status: 'pending' };
  }
}
