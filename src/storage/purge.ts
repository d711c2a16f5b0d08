import { LOCKOUT } from '../domain/lockout.ts';
import type { Store } from './store.ts';

const DAY_MS = 86_400_000;

export interface MaintenanceOptions {
  /** How long final messages stay in the outbox; 0 or absent: for ever. */
  messageRetentionMs?: number;
}

/**
 * Removes what has outlived its use: expired codes, challenge sessions, refresh tokens and
 * revocations, the console's sign-in sessions, counters of past days, idle rate buckets and ended
 * windows, failed sign-ins that no longer count, and final messages past their retention. Safe to
 * run on every instance at once (plain deletes).
 */
export async function purgeExpired(store: Store, now: number, options: MaintenanceOptions = {}): Promise<Record<string, number>> {
  return {
    codes: await store.codes.purgeExpired(now - DAY_MS),
    sessions: await store.authSessions.purgeExpired(now),
    consoleSessions: await store.consoleSessions.purgeExpired(now),
    tokens: await store.tokens.purgeExpired(now),
    counters: await store.quotas.purgeBefore(new Date(now - 2 * DAY_MS).toISOString().slice(0, 10)),
    // A minute of slack: an idle bucket is full within a second, an ended window is empty.
    buckets: await store.quotas.purgeIdle(now - 60_000),
    lockouts: await store.lockouts.purgeBefore(now - LOCKOUT.resetAfterMs),
    messages: options.messageRetentionMs ? await store.messages.purgeFinished(now - options.messageRetentionMs) : 0,
  };
}
