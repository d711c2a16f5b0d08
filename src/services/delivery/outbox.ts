import type { CodeKey, StoredCode } from '../../domain/code.ts';
import { maskDestination } from '../../domain/mask.ts';
import type { NewMessage, StoredMessage } from '../../domain/message.ts';
import type { PoolRecord } from '../../domain/pool.ts';
import { codeDeliveryFailed, dailyEmailLimit } from '../../errors/index.ts';
import type { Clock } from '../../ground/clock.ts';
import type { DeliveryConfig } from '../../ground/config/delivery.ts';
import type { Store } from '../../storage/store.ts';
import type { Codes } from '../codes/codes.ts';
import type { Dispatcher } from './dispatcher.ts';
import { routeEmail, routeSms } from './routing.ts';
import { render } from './templates.ts';

export interface OutgoingCodeMessage {
  pool: PoolRecord;
  userId: string;
  username: string;
  medium: 'email' | 'sms';
  destination: string;
  /** The message with `{####}` (and `{username}`) in it: the pool's template, or what its CustomMessage function returned. */
  subject?: string;
  body: string;
  /**
   * Answer once the message is stored, without waiting for its first attempt (which the
   * dispatcher makes): its caller must not take longer, or answer otherwise, than for a message
   * that was never sent. A refusal then only invalidates the code.
   */
  answerBeforeDelivery?: boolean;
}

export interface CodeMessage extends OutgoingCodeMessage {
  purpose: CodeKey['purpose'];
  /** The attribute the code verifies; '' when none. */
  attribute: string;
}

export interface CodeDelivery {
  /** Masked, as CodeDeliveryDetails.Destination shows it. */
  destination: string;
  medium: 'EMAIL' | 'SMS';
}

/**
 * The outbox's writer: a message (and the code it carries) stored in one transaction, then its first
 * delivery attempt. The background dispatcher sends what the first attempt could not.
 */
export interface Outbox {
  /**
   * Issues a code and sends it. The code and its message are stored in one transaction; the first
   * attempt is awaited up to the configured wait (unless `answerBeforeDelivery`). A permanent
   * refusal by the channel invalidates the code and throws CodeDeliveryFailureException.
   */
  sendCode(message: CodeMessage): Promise<CodeDelivery>;
  /**
   * Sends a message carrying a secret that is not a code (an invitation's temporary password):
   * `{####}` is replaced by it; no code is stored. The same wait, retries and errors as sendCode.
   */
  sendMessage(message: OutgoingCodeMessage, secret: string): Promise<CodeDelivery>;
  /** Issues and stores a code without sending it (a CustomEmailSender/CustomSMSSender function delivers it). */
  storeCode(key: CodeKey): Promise<string>;
}

/** Where a message went, as the answer shows it: the destination masked. */
export function codeDelivery(medium: 'email' | 'sms', destination: string): CodeDelivery {
  return { destination: maskDestination(medium, destination), medium: medium === 'email' ? 'EMAIL' : 'SMS' };
}

/** The UTC day a message counts against, for the daily quota. */
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The outbox's writer, over the store, the codes and the dispatcher that sends what is due. */
export function createOutbox(deps: { store: Store; codes: Codes; dispatcher: Dispatcher; clock: Clock; config: DeliveryConfig }): Outbox {
  const { store, codes, dispatcher, clock, config } = deps;

  /** Stores the message (and the code row, when it carries a code) in one transaction, then makes the first attempt. */
  async function deliver(m: OutgoingCodeMessage, secret: string, code?: { key: CodeKey; stored: StoredCode }): Promise<CodeDelivery> {
    const route = m.medium === 'email' ? routeEmail(m.pool.config, config) : routeSms(m.pool.config, config);
    const now = clock.now();
    let message!: StoredMessage;
    await store.transaction(async (tx) => {
      if (route.dailyLimit !== undefined && !(await tx.quotas.take(`email-default:${m.pool.id}`, utcDay(now), route.dailyLimit))) {
        throw dailyEmailLimit();
      }
      if (code) await tx.codes.put(code.stored);
      let stored: NewMessage = {
        poolId: m.pool.id,
        userId: m.userId,
        username: m.username,
        medium: m.medium,
        channel: route.channel,
        destination: m.destination,
        subject: m.medium === 'email' ? render(m.subject ?? '', { code: secret, username: m.username }) : null,
        body: render(m.body, { code: secret, username: m.username }),
        from: route.from ?? null,
        replyTo: route.replyTo ?? null,
        code: secret,
        codeKey: code?.key ?? null,
        codeHmac: code?.stored.hmac ?? null,
        // Stored already claimed for this caller's first attempt (one statement, in the same commit, instead
        // of a claim after it): the background loop takes it only if the lease runs out (this process died).
        status: 'sending',
        attempts: 1,
        lastError: null,
        nextAttemptAt: now + config.waitMs,
        leaseUntil: now + dispatcher.leaseMs,
        createdAt: now,
        updatedAt: now,
        sentAt: null,
      };
      stored = dispatcher.atRest(stored, now);
      message = { ...stored, id: await tx.messages.enqueue(stored) };
    });
    if (message.status === 'sent') {
      dispatcher.recordSentAtOnce(message);
      return codeDelivery(m.medium, m.destination);
    }
    if (m.answerBeforeDelivery) {
      dispatcher.sendClaimed(message);
      return codeDelivery(m.medium, m.destination);
    }
    const outcome = await dispatcher.attemptClaimed(message, config.waitMs);
    if (outcome.status === 'failed') {
      throw codeDeliveryFailed(codeDelivery(m.medium, m.destination).destination, outcome.reason);
    }
    return codeDelivery(m.medium, m.destination);
  }

  return {
    async storeCode(key) {
      const { code, stored } = codes.issue(key);
      await store.codes.put(stored);
      return code;
    },

    async sendCode(m) {
      const key: CodeKey = { poolId: m.pool.id, userId: m.userId, purpose: m.purpose, attribute: m.attribute };
      const issued = codes.issue(key);
      return deliver(m, issued.code, { key, stored: issued.stored });
    },

    sendMessage(m, secret) {
      return deliver(m, secret);
    },
  };
}
