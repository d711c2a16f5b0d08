import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { MessageRepository } from '../../storage/repositories/messages.ts';

export interface DeliveryMetrics {
  sent: Counter<'medium' | 'channel'>;
  failed: Counter<'medium' | 'channel'>;
  retried: Counter<'medium' | 'channel'>;
  abandoned: Counter<'medium' | 'channel'>;
  latency: Histogram<'medium' | 'channel'>;
}

/** Delivery counters, and the queue depth read from the store at each scrape (so it is the database's truth). */
export function deliveryMetrics(registry: Registry, messages: MessageRepository): DeliveryMetrics {
  const labelNames = ['medium', 'channel'] as const;
  const counter = (name: string, help: string) => new Counter({ name, help, labelNames, registers: [registry] });
  new Gauge({
    name: 'cognate_message_queue_depth',
    help: 'Messages waiting to be sent or being sent, by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const counts = await messages.countByStatus();
      this.set({ status: 'queued' }, counts.queued);
      this.set({ status: 'sending' }, counts.sending);
    },
  });
  return {
    sent: counter('cognate_messages_sent_total', 'Messages the channel accepted'),
    failed: counter('cognate_messages_failed_total', 'Messages refused for good by the channel'),
    retried: counter('cognate_messages_retried_total', 'Attempts that failed for a reason that may pass, and will be retried'),
    abandoned: counter('cognate_messages_abandoned_total', 'Messages given up after the last attempt'),
    latency: new Histogram({
      name: 'cognate_message_delivery_seconds',
      help: 'From a message being queued to its channel accepting it',
      labelNames,
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300, 1800],
      registers: [registry],
    }),
  };
}
