import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookChannelOptions } from '../../../ground/config/delivery.ts';
import { DeliveryError, type Channel, type OutgoingMessage, type SendResult } from './types.ts';

const DEFAULT_TIMEOUT_MS = 10_000;
/** How old a signed timestamp a receiver should still accept. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/**
 * Signature scheme, for receivers:
 *
 *   x-cognate-timestamp: <epoch seconds when the request was signed>
 *   x-cognate-signature: v1=<hex HMAC-SHA256(secret, `${timestamp}.${rawBody}`)>
 *
 * Verify over the raw request bytes (before any JSON parsing), compare in constant time, and
 * reject a timestamp more than 5 minutes away from your clock, so a captured request cannot
 * be replayed later. The body's `id` (also in `x-cognate-message-id`) stays the same when the
 * dispatcher retries a message: use it to drop duplicates.
 */
export function signWebhook(secret: string, timestamp: number, rawBody: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

/** True when `header` is a valid `v1=` signature of `rawBody` at a `timestamp` within 5 minutes of `nowSeconds`. */
export function verifyWebhookSignature(secret: string, timestamp: string | number, rawBody: string, header: string, nowSeconds: number): boolean {
  const ts = typeof timestamp === 'number' ? timestamp : /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : NaN;
  if (!Number.isSafeInteger(ts) || Math.abs(nowSeconds - ts) > WEBHOOK_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(signWebhook(secret, ts, rawBody));
  // A header may list several signatures (during a secret rotation): any one valid is enough.
  return header.split(',').some((part) => {
    const given = Buffer.from(part.trim());
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** POSTs each message as signed JSON to an HTTP endpoint (an SMS or email gateway of your own). */
export function createWebhookChannel(name: string, options: WebhookChannelOptions, now: () => number = Date.now): Channel {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    name,
    type: 'webhook',
    async send(message: OutgoingMessage, signal: AbortSignal): Promise<SendResult> {
      if (signal.aborted) throw new DeliveryError('webhook send aborted', false, { cause: signal.reason });
      const sentAt = new Date(now());
      const timestamp = Math.floor(sentAt.getTime() / 1000);
      const rawBody = JSON.stringify({
        id: message.id,
        medium: message.medium,
        destination: message.destination,
        subject: message.subject ?? null,
        body: message.body,
        from: message.from ?? null,
        userPoolId: message.userPoolId,
        username: message.username,
        sentAt: sentAt.toISOString(),
      });
      // The configured headers first, so that none of them can replace (or, in another
      // spelling, double) the ones the receiver verifies.
      const headers = new Headers(options.headers);
      headers.set('content-type', 'application/json');
      headers.set('x-cognate-message-id', message.id);
      headers.set('x-cognate-timestamp', String(timestamp));
      headers.set('x-cognate-signature', signWebhook(options.secret, timestamp, rawBody));
      const deadline = AbortSignal.timeout(timeoutMs);
      let response: Response;
      try {
        response = await fetch(options.url, {
          method: 'POST',
          headers,
          body: rawBody,
          redirect: 'manual',
          signal: AbortSignal.any([signal, deadline]),
        });
      } catch (e) {
        if (signal.aborted) throw new DeliveryError('webhook send aborted', false, { cause: e });
        if (deadline.aborted) throw new DeliveryError(`webhook ${options.url} did not answer within ${timeoutMs} ms`, false, { cause: e });
        const cause = (e as { cause?: { code?: string; message?: string } }).cause;
        throw new DeliveryError(`webhook ${options.url} unreachable: ${cause?.code ?? cause?.message ?? (e as Error).message}`, false, { cause: e });
      }
      let text: string;
      try {
        text = await response.text();
      } catch (e) {
        // The answer's status is in, but its body was cut off (or the deadline hit while reading).
        if (response.ok) return {};
        throw new DeliveryError(`webhook ${options.url} answered HTTP ${response.status}`, !isTransientStatus(response.status), { cause: e });
      }
      if (response.ok) return providerIdOf(text);
      const detail = text.trim().slice(0, 200);
      throw new DeliveryError(`webhook ${options.url} answered HTTP ${response.status}${detail ? `: ${detail}` : ''}`, !isTransientStatus(response.status));
    },
    async close(): Promise<void> {},
  };
}

/**
 * 408 (timeout), 429 (slow down) and every 5xx may succeed later. Other answers that are not
 * 2xx (4xx, and 3xx since redirects are not followed) say the receiver refused this message.
 */
function isTransientStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

function providerIdOf(text: string): SendResult {
  try {
    const data: unknown = JSON.parse(text);
    if (typeof data === 'object' && data !== null && 'id' in data && (typeof data.id === 'string' || typeof data.id === 'number')) {
      return { providerId: String(data.id) };
    }
  } catch {
    // Any 2xx answer means accepted; the id is optional.
  }
  return {};
}
