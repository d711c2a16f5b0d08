import { BadCursor } from '../repositories/paging.ts';

/** Listing positions are sequence numbers, handed out base64url-encoded so clients treat them as opaque. */
export function encodeCursor(seq: number): string {
  return Buffer.from(`c1:${seq}`).toString('base64url');
}

export function decodeCursor(token: string): number {
  const m = /^c1:(\d{1,15})$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!m) throw new BadCursor('invalid pagination token');
  return Number(m[1]);
}

/**
 * A position in a listing ordered by a text value, then sequence. The value comes back from the
 * client: one that no stored text can hold (U+0000, which PostgreSQL refuses) is no position.
 */
export function encodeValueCursor(value: string, seq: number): string {
  return Buffer.from(JSON.stringify(['c2', value, seq])).toString('base64url');
}

export function decodeValueCursor(token: string): { value: string; seq: number } {
  try {
    const [tag, value, seq] = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (tag === 'c2' && typeof value === 'string' && !value.includes('\0') && Number.isSafeInteger(seq)) return { value, seq };
  } catch {
    // fall through
  }
  throw new BadCursor('invalid pagination token');
}
