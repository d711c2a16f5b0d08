/**
 * How messages leave the server.
 * - mode "capture" (the development default): every message is kept as delivered and shown in
 *   the inbox; the pools' email and SMS settings are not checked against the server's.
 * - mode "route" (the production default): each message goes where the pool's configuration
 *   says, as Cognito decides it, through the channels configured here.
 */
export interface DeliveryConfig {
  mode: 'capture' | 'route';
  /** Named channels; "capture" always exists. */
  channels: Record<string, ChannelConfig>;
  /** Where pools with EmailSendingAccount COGNITO_DEFAULT send (Cognito's own email account). */
  defaultEmail?: { channel: string; from?: string };
  /** Where SMS goes for pools without an SmsConfiguration. */
  defaultSms?: { channel: string };
  /** EmailSendingAccount DEVELOPER: the pool's SourceArn (an SES identity ARN) to a channel. */
  emailIdentities: Record<string, { channel: string; from?: string }>;
  /** SmsConfiguration.SnsCallerArn (an IAM role ARN) to a channel, and the ExternalId the role requires. */
  smsRoles: Record<string, { channel: string; externalId?: string }>;
  /** Messages per pool and UTC day through COGNITO_DEFAULT; 0 = no limit. AWS's is 50. */
  cognitoDefaultDailyLimit: number;
  /** How long an operation waits for the first delivery attempt before answering. */
  waitMs: number;
  /** Attempts before a message is abandoned. */
  maxAttempts: number;
  /** First retry delay; each further retry doubles it (with jitter), up to 15 minutes. */
  retryBaseMs: number;
  /** How often the dispatcher looks for due messages when nothing wakes it. */
  pollMs: number;
  /** Days a message stays in the outbox (and the inbox) once final: sent, failed or abandoned; 0 = for ever. */
  retentionDays: number;
}

/** One entry of the configuration's channels, by name: `{"type": "smtp", "url": "smtp://..."}`. */
export type ChannelConfig =
  | { type: 'capture' }
  | ({ type: 'smtp' } & SmtpChannelOptions)
  | ({ type: 'sns' } & SnsChannelOptions)
  | ({ type: 'webhook' } & WebhookChannelOptions);

export interface SmtpChannelOptions {
  /** `smtp://user:pass@host:587` or `smtps://...:465`; query parameters become transport options (`?ignoreTLS=true`). */
  url: string;
  /** Sender used when the message names none (`Name <addr>` or `addr`). */
  from?: string;
  tls?: { rejectUnauthorized?: boolean; ca?: string };
  /** Bound on connecting, on each wait for the server and on one whole send. Default 30 s. */
  timeoutMs?: number;
}

export interface SnsChannelOptions {
  region: string;
  /** Another SNS-compatible endpoint (LocalStack, a test server); AWS's own when absent. */
  endpoint?: string;
  /** Static keys; the SDK's default chain (environment, profile, instance role) when absent. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** `AWS.SNS.SMS.SenderID`: the alphanumeric sender shown where the country allows one. */
  senderId?: string;
  /** `AWS.MM.SMS.OriginationNumber`: the number to send from (E.164). */
  originationNumber?: string;
  /** `AWS.SNS.SMS.SMSType`. Default Transactional, as Cognito's codes are. */
  smsType?: 'Transactional' | 'Promotional';
  /** Bound on one whole request. Default 10 s. */
  timeoutMs?: number;
}

export interface WebhookChannelOptions {
  url: string;
  /** Shared secret for the signature header. */
  secret: string;
  /** Bound on one whole request, answer included. Default 10 s. */
  timeoutMs?: number;
  /** Extra request headers (an API key for the gateway, say). */
  headers?: Record<string, string>;
}
