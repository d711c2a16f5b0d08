import { randomUUID } from 'node:crypto';

/**
 * Message ids are UUIDs version 7 (RFC 9562): 48 bits of Unix milliseconds, then 74 bits that
 * tell apart messages made in the same millisecond. The store gives each message its id.
 */

/** A UUID version 7 for a message made at `now`: the milliseconds, then random bits (PostgreSQL's ids). */
export function messageId(now: number): string {
  // The random bits come from randomUUID (a v4 UUID: 122 of them), which draws on a buffered pool
  // of randomness; randomBytes(16) asked OpenSSL for 16 bytes on every message. The v4 string's
  // time fields are replaced by the milliseconds and its version digit by 7; its variant stays.
  return withTime(Math.max(0, Math.floor(now)), `7${randomUUID().slice(15)}`);
}

/**
 * Sequence numbers a SQLite outbox gives its messages in one millisecond: a message's number is its
 * millisecond times this plus a counter, and each is above the last (a burst of more than this in
 * one millisecond runs ahead of the clock). Below 2^53 until the year 2248.
 */
export const PER_MS = 1024;

/**
 * The id of the SQLite outbox's message number `seq`: its millisecond, then (rand_a, RFC 9562's
 * "fixed bit-length dedicated counter") its counter in ten bits and two zero bits, then random bits.
 * The number is read back from the id (seqOfMessageId), so the outbox needs no index of its ids.
 */
export function sequencedMessageId(seq: number): string {
  const counter = (seq % PER_MS) << 2;
  return withTime(Math.floor(seq / PER_MS), `7${counter.toString(16).padStart(3, '0')}${randomUUID().slice(18)}`);
}

const SEQUENCED = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{2}[048c]-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The sequence number a sequencedMessageId() id stands for; undefined for any other string. */
export function seqOfMessageId(id: string): number | undefined {
  if (!SEQUENCED.test(id)) return undefined;
  const ms = parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
  return ms * PER_MS + (parseInt(id.slice(15, 18), 16) >> 2);
}

/** The last millisecond written out, and how: messages come many to a millisecond under load. */
let lastMs = -1;
let lastTime = '';

/** `ms` as a UUID's first 48 bits, before `rest` (from the version digit on: "7xxx-Vxxx-xxxxxxxxxxxx"). */
function withTime(ms: number, rest: string): string {
  if (ms !== lastMs) {
    const t = (ms % 2 ** 48).toString(16).padStart(12, '0');
    lastMs = ms;
    lastTime = `${t.slice(0, 8)}-${t.slice(8, 12)}-`;
  }
  return lastTime + rest;
}
