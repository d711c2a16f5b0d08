import type { CodeKey } from './code.ts';

/** Where a message's delivery stands: queued, being sent (under a lease), or final. */
export type MessageStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'abandoned';

/** A message in the outbox: what is sent, where, through which channel, and how its delivery stands. */
export interface StoredMessage {
  /** Given by the store (enqueue): a UUID version 7 (storage/shared/message-ids.ts). */
  id: string;
  poolId: string;
  userId: string;
  username: string;
  medium: 'email' | 'sms';
  /** The configured channel that delivers it ("capture", "smtp-main", ...). */
  channel: string;
  destination: string;
  subject: string | null;
  body: string;
  from: string | null;
  replyTo: string | null;
  /** The code it carries, kept in clear only in development mode, for the inbox. */
  code: string | null;
  /** The code it carries, by key and HMAC, so a failed delivery invalidates that code and no newer one. */
  codeKey: CodeKey | null;
  codeHmac: Buffer | null;
  status: MessageStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: number;
  leaseUntil: number | null;
  createdAt: number;
  updatedAt: number;
  sentAt: number | null;
}

/** A message before the store has given it its id. */
export type NewMessage = Omit<StoredMessage, 'id'>;
