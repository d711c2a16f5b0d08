import type { MessageAttributeValue } from '@aws-sdk/client-sns';
import type { SnsChannelOptions } from '../../../ground/config/delivery.ts';
import { DeliveryError, type Channel, type OutgoingMessage, type SendResult } from './types.ts';

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * The channel's SNS client, with the command it sends. The SDK is imported here, not at the
 * top of the module: it adds some 28 MB to a server whose configuration may name no SNS channel.
 */
async function openClient(options: SnsChannelOptions, timeoutMs: number) {
  const { PublishCommand, SNSClient } = await import('@aws-sdk/client-sns');
  const client = new SNSClient({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    // The dispatcher owns retries, with its own backoff and bookkeeping.
    maxAttempts: 1,
    requestHandler: { connectionTimeout: timeoutMs, requestTimeout: timeoutMs },
  });
  return { client, PublishCommand };
}

/** SMS through SNS `Publish` to a phone number, as Cognito itself sends them; the client is made at the first send. */
export function createSnsChannel(name: string, options: SnsChannelOptions): Channel {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let opening: ReturnType<typeof openClient> | undefined;
  let sns: Awaited<ReturnType<typeof openClient>> | undefined;
  let closed = false;
  const open = () =>
    (opening ??= openClient(options, timeoutMs).then((made) => {
      sns = made;
      // close() came first (while the SDK loaded, or before any send): the client is destroyed
      // at once, as it would have been had it been made with the channel.
      if (closed) made.client.destroy();
      return made;
    }));
  const attributes: Record<string, MessageAttributeValue> = {
    'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: options.smsType ?? 'Transactional' },
  };
  if (options.senderId) attributes['AWS.SNS.SMS.SenderID'] = { DataType: 'String', StringValue: options.senderId };
  if (options.originationNumber) attributes['AWS.MM.SMS.OriginationNumber'] = { DataType: 'String', StringValue: options.originationNumber };

  return {
    name,
    type: 'sns',
    async send(message: OutgoingMessage, signal: AbortSignal): Promise<SendResult> {
      if (signal.aborted) throw new DeliveryError('SNS publish aborted', false, { cause: signal.reason });
      const deadline = AbortSignal.timeout(timeoutMs);
      const stop = AbortSignal.any([signal, deadline]);
      try {
        const { client, PublishCommand } = await open();
        // The first send waits for the SDK to load: an abort or the deadline during that wait
        // ends the send here, as it would have during the request.
        stop.throwIfAborted();
        const out = await client.send(
          new PublishCommand({ PhoneNumber: message.destination, Message: message.body, MessageAttributes: attributes }),
          { abortSignal: stop },
        );
        return out.MessageId ? { providerId: out.MessageId } : {};
      } catch (e) {
        if (signal.aborted) throw new DeliveryError('SNS publish aborted', false, { cause: e });
        if (deadline.aborted) throw new DeliveryError(`SNS publish timed out after ${timeoutMs} ms`, false, { cause: e });
        throw classifySnsError(e);
      }
    },
    async close(): Promise<void> {
      closed = true;
      // A client still being made is destroyed as it is made (above).
      sns?.client.destroy();
    },
  };
}

/**
 * Errors about this message or its destination: sending it again cannot help. The SDK names
 * them by their exception class (InvalidParameterException for the wire code InvalidParameter,
 * InvalidParameterValueException for ParameterValueInvalid, ...); the wire codes are listed too
 * for an SNS-compatible server whose codes the SDK does not map.
 */
const PERMANENT = new Set([
  'InvalidParameterException',
  'InvalidParameter',
  'InvalidParameterValueException',
  'ParameterValueInvalid',
  'InvalidParameterValue',
  'OptedOutException',
  'OptedOut',
  'EndpointDisabledException',
  'EndpointDisabled',
  'ValidationException',
  'ValidationError',
]);

/**
 * Permanent: the errors above. Transient: everything else — throttling (ThrottledException),
 * InternalErrorException and any 5xx, network failures, timeouts, and also authorization and
 * credential errors (AuthorizationErrorException, InvalidClientTokenId, SignatureDoesNotMatch,
 * KMS*): those are fixed in the configuration or IAM, and the messages should still be waiting.
 */
export function classifySnsError(e: unknown): DeliveryError {
  const err = (typeof e === 'object' && e !== null ? e : {}) as { name?: string; message?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const name = err.name ?? 'Error';
  const status = err.$metadata?.httpStatusCode;
  const detail = `${name}${err.code && err.code !== name ? ` (${err.code})` : ''}${status ? ` HTTP ${status}` : ''}: ${err.message ?? String(e)}`;
  return new DeliveryError(`SNS publish failed: ${detail}`, PERMANENT.has(name), { cause: e });
}
