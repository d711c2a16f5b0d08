/**
 * A delivery channel sends one message. It does not retry: the dispatcher owns retries,
 * backoff and bookkeeping, and decides from the error's `permanent` flag.
 */

export type Medium = 'email' | 'sms';

export interface OutgoingMessage {
  /** Outbox id; channels pass it on where the far side can use it (webhook idempotency, SMTP Message-ID). */
  id: string;
  medium: Medium;
  /** An email address or an E.164 phone number. */
  destination: string;
  /** Email only. */
  subject?: string;
  /** The message text. For email it may contain HTML, as Cognito's templates may. */
  body: string;
  /** Email sender (`Name <addr>` or `addr`); a channel's own default applies when absent. */
  from?: string;
  /** Email Reply-To, from the pool's EmailConfiguration. */
  replyTo?: string;
  userPoolId: string;
  username: string;
}

/** The outcome a channel reports when it could not send. */
export class DeliveryError extends Error {
  /** True when trying again cannot help (a refused recipient, an invalid number, a 4xx answer). */
  readonly permanent: boolean;

  constructor(message: string, permanent: boolean, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DeliveryError';
    this.permanent = permanent;
  }
}

export interface SendResult {
  /** The far side's id for the message, when it gives one (SNS MessageId, SMTP response). */
  providerId?: string;
}

export interface Channel {
  /** Name from the configuration (e.g. "smtp-main"), for logs and metrics. */
  readonly name: string;
  readonly type: 'capture' | 'smtp' | 'sns' | 'webhook';
  /** Resolves when the far side accepted the message; rejects with DeliveryError otherwise. */
  send(message: OutgoingMessage, signal: AbortSignal): Promise<SendResult>;
  /** Releases connections. */
  close(): Promise<void>;
}
