import type { Row } from './statements.ts';

/**
 * The records last read, by key, with the version of their row. A pool's configuration is some
 * 4 KB of JSON: reading that text out of SQLite and comparing it with the one parsed before was a
 * twentieth of GetUserAttributeVerificationCode. Unless the memo's stamp is unchanged since the
 * record was last checked, the row is read (the store stays the truth), its configuration text
 * only when its version differs from the one held. Handed out as copies: the configuration inside
 * is shared and frozen (parseShared).
 */
export class ByVersion<T> {
  /** A row is known by its seq (never reused, so a pool deleted and made again is another row) and version. */
  readonly #held = new Map<string, { seq: number; version: number; record: T; checked: string | undefined }>();
  /** The record held for `key`, if it was checked against its row under this stamp. */
  fresh(key: string, stamp: string | undefined): T | undefined {
    const h = stamp === undefined ? undefined : this.#held.get(key);
    return h && h.checked === stamp ? { ...h.record } : undefined;
  }
  /** The seq and version held for `key`, as the statement's parameters ([0, 0]: none). */
  stamp(key: string): [number, number] {
    const h = this.#held.get(key);
    return h ? [h.seq, h.version] : [0, 0];
  }
  /** The record of `r`: read from the row when it carries its configuration, else the one held. */
  record(key: string, r: Row | undefined, fromRow: (r: Row) => T, checked: string | undefined): T | undefined {
    if (!r) {
      this.#held.delete(key);
      return undefined;
    }
    const held = this.#held.get(key);
    if (r.config === null && held && held.seq === r.seq && held.version === r.version) {
      held.checked = checked;
      return { ...held.record };
    }
    const record = fromRow(r);
    if (this.#held.size >= 4096 && !this.#held.has(key)) this.#held.delete(this.#held.keys().next().value!);
    this.#held.set(key, { seq: r.seq as number, version: r.version as number, record, checked });
    return { ...record };
  }
}
