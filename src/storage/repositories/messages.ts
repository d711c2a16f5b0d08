import type { MessageStatus, NewMessage, StoredMessage } from '../../domain/message.ts';

/** Which messages an inbox listing wants. */
export interface MessageFilter {
  poolId?: string;
  username?: string;
  destination?: string;
  medium?: 'email' | 'sms';
  /** Epoch ms: only messages created at or after it. */
  since?: number;
  limit: number;
}

/**
 * What a final message keeps where production keeps no secret: an empty body, the subject only
 * when it carries no code, the destination masked; its code is dropped.
 */
export interface MessageRedaction {
  body: string;
  subject: string | null;
  destination: string;
}

/** The outbox: messages to send, being sent, and sent. */
export interface MessageRepository {
  /** Stores a message and returns the id it gave it. */
  enqueue(message: NewMessage): Promise<string>;
  get(id: string): Promise<StoredMessage | undefined>;
  /**
   * Takes messages for sending: the one named by `id` (if queued, whatever its due time, or
   * sending with an expired lease), or up to `limit` that are due (queued and
   * `nextAttemptAt <= now`, or sending with an expired lease). Each is set to sending with
   * a lease until `now + leaseMs` and its attempt counted; a message is handed to one caller only.
   */
  claim(options: { id?: string; now: number; leaseMs: number; limit: number }): Promise<StoredMessage[]>;
  /** Records the outcome of an attempt; with `redact`, the message's body, subject and destination are replaced and its code dropped. */
  finish(id: string, outcome: { status: 'sent' | 'failed' | 'abandoned' | 'queued'; now: number; error?: string; nextAttemptAt?: number; redact?: MessageRedaction }): Promise<void>;
  /** Newest first. */
  list(filter: MessageFilter): Promise<StoredMessage[]>;
  countByStatus(): Promise<Record<MessageStatus, number>>;
  /** When the next queued message falls due, if any. */
  nextDueAt(): Promise<number | undefined>;
  /** Removes final messages (sent, failed, abandoned) last changed before `before`; queued and sending ones stay. Returns how many. */
  purgeFinished(before: number): Promise<number>;
}
