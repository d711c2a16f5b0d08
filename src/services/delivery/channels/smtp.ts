import type { SmtpChannelOptions } from '../../../ground/config/delivery.ts';
import { DeliveryError, type Channel, type OutgoingMessage, type SendResult } from './types.ts';

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The channel's connection pool. nodemailer is imported here, not at the top of the module: it
 * adds some 24 MB to a server whose configuration may name no SMTP channel at all.
 */
async function openTransport(options: SmtpChannelOptions, timeoutMs: number) {
  const { createTransport } = await import('nodemailer');
  return createTransport({
    url: options.url,
    pool: true,
    // The dispatcher owns retries: a connection that drops mid-send fails the send at once
    // instead of being requeued inside the pool.
    maxRequeues: 0,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    ...(options.tls ? { tls: { ...options.tls } } : {}),
  });
}

/** SMTP through a nodemailer connection pool, opened at the first send. */
export function createSmtpChannel(name: string, options: SmtpChannelOptions): Channel {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let opening: ReturnType<typeof openTransport> | undefined;
  let transport: Awaited<ReturnType<typeof openTransport>> | undefined;
  let closed = false;
  const pool = () =>
    (opening ??= openTransport(options, timeoutMs).then((t) => {
      transport = t;
      // close() came first (while nodemailer loaded, or before any send): the pool is closed at
      // once, and the send fails as a closed pool's sends always have (transient).
      if (closed) t.close();
      return t;
    }));

  return {
    name,
    type: 'smtp',
    async send(message: OutgoingMessage, signal: AbortSignal): Promise<SendResult> {
      const from = message.from ?? options.from;
      if (!from) {
        throw new DeliveryError(`SMTP channel '${name}' has no sender: the message names no From and the channel sets no 'from'`, true);
      }
      if (signal.aborted) throw new DeliveryError(`SMTP send aborted`, false, { cause: signal.reason });
      // One deadline for the whole send: a server trickling its replies defeats the socket timeouts.
      const deadline = AbortSignal.timeout(timeoutMs);
      const stop = AbortSignal.any([signal, deadline]);
      try {
        const t = await pool();
        // The first send waits for nodemailer to load: an abort or the deadline during that
        // wait ends the send here, as it would have during sendMail.
        stop.throwIfAborted();
        const info = await t.sendMail({
          from,
          to: message.destination,
          subject: message.subject ?? '',
          html: message.body,
          text: htmlToText(message.body),
          ...(message.replyTo ? { replyTo: message.replyTo } : {}),
          messageId: `<${message.id}@cognate>`,
          headers: { 'X-Cognate-Message-Id': message.id },
          signal: stop,
        });
        return { providerId: info.response ?? info.messageId };
      } catch (e) {
        if (signal.aborted) throw new DeliveryError('SMTP send aborted', false, { cause: e });
        if (deadline.aborted) {
          throw new DeliveryError(`SMTP send timed out after ${timeoutMs} ms`, false, { cause: e });
        }
        throw classifySmtpError(e);
      }
    },
    async close(): Promise<void> {
      closed = true;
      // A pool still opening closes as it opens (above).
      transport?.close();
    },
  };
}

interface SmtpErrorLike {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  message?: string;
  rejectedErrors?: SmtpErrorLike[];
}

/**
 * Permanent: the server refused the message or a recipient for good (5xx, except 503 "bad
 * sequence", which is about the session, not the message), or nodemailer refused the envelope
 * or message itself before sending. Everything else is transient: 4xx, connection refused or
 * reset, timeouts, TLS and protocol trouble, aborts — and EAUTH too, because a wrong password
 * or a locked account is fixed in the configuration, and the messages should still be there
 * when it is. nodemailer's own message carries the server's reply text; the body never appears.
 */
export function classifySmtpError(e: unknown): DeliveryError {
  const err = (typeof e === 'object' && e !== null ? e : { message: String(e) }) as SmtpErrorLike;
  const code = err.responseCode ?? firstCode(err.rejectedErrors);
  const text = err.message ?? 'unknown error';
  const what = `SMTP ${err.command ? `${err.command} ` : ''}failed${err.code ? ` (${err.code})` : ''}: ${text}`;
  if (err.code === 'EABORT') return new DeliveryError('SMTP send aborted', false, { cause: e });
  if (code !== undefined) return new DeliveryError(what, code >= 500 && code < 600 && code !== 503, { cause: e });
  // nodemailer refuses a malformed address or an oversized message before the server sees it.
  const permanent = err.code === 'EENVELOPE' || err.code === 'EMESSAGE';
  return new DeliveryError(what, permanent, { cause: e });
}

function firstCode(errors: SmtpErrorLike[] | undefined): number | undefined {
  return errors?.find((r) => typeof r.responseCode === 'number')?.responseCode;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** A plain-text alternative of an email body that may hold HTML (Cognito's templates may). */
export function htmlToText(body: string): string {
  if (!/<[a-z!/]/i.test(body)) return body;
  return body
    .replace(/<(script|style|head)\b[^]*?<\/\1\s*>/gi, '')
    .replace(/<!--[^]*?-->/g, '')
    .replace(/\s+/g, ' ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|h[1-6]|tr|table|ul|ol)\s*>/gi, '\n\n')
    .replace(/<\/li\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, ent: string) => {
      if (ent[0] === '#') {
        const n = ent[1] === 'x' || ent[1] === 'X' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
        return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : m;
      }
      return ENTITIES[ent.toLowerCase()] ?? m;
    })
    .replace(/[ \t]*\n[ \t]*/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
