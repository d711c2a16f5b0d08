import { DeliveryError, type Channel, type OutgoingMessage, type SendResult } from './types.ts';

/**
 * Accepts every message at once. The outbox keeps the message as delivered, which is all a
 * developer needs: tests and `cognate codes` read the codes from there.
 */
export function createCaptureChannel(name: string): Channel {
  return {
    name,
    type: 'capture',
    async send(_message: OutgoingMessage, signal: AbortSignal): Promise<SendResult> {
      // Same contract as the other channels, though nothing here takes long enough to abort.
      if (signal.aborted) throw new DeliveryError('capture aborted', false, { cause: signal.reason });
      return { providerId: 'capture' };
    },
    async close(): Promise<void> {},
  };
}
