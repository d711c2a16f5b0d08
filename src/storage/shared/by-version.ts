import type { Row } from './rows.ts';

/** A record as read, with the seq and version of its row and the memo stamp it was last checked under. */
export interface Held<T> {
  seq: number;
  version: number;
  record: T;
  checked: string | undefined;
  /** SQLite's memo epoch it was read in (ReadMemo.epoch); undefined on PostgreSQL, which reads committed rows only. */
  epoch: number | undefined;
}

/**
 * The records last read, by key, with the version of their row. A pool's configuration is some
 * 4 KB of JSON: reading that text out of SQLite and comparing it with the one parsed before was a
 * twentieth of GetUserAttributeVerificationCode. Unless SQLite's memo stamp is unchanged since the
 * record was last checked (PostgreSQL has no stamp: always), the row is read (the store stays the
 * truth), its configuration text only when its seq and version differ from the ones held: every
 * write of a configuration adds one to its row's version, on any instance, so a committed row's
 * (seq, version) names one text. Handed out as copies: the configuration inside is shared and
 * frozen (parseShared).
 */
export class ByVersion<T> {
  /** A row is known by its seq (never reused, so a pool deleted and made again is another row) and version. */
  readonly #held = new Map<string, Held<T>>();
  /** The record held for `key`, if it was checked against its row under this stamp. */
  fresh(key: string, stamp: string | undefined): T | undefined {
    const h = stamp === undefined ? undefined : this.#held.get(key);
    return h && h.checked === stamp ? { ...h.record } : undefined;
  }
  /**
   * What is held for `key` when a statement is sent: its seq and version are the statement's
   * parameters (params), and its record is the answer if the row comes back without its
   * configuration. Taken before the statement, as a concurrent read may replace it meanwhile.
   * On SQLite only while the memo's epoch is the one it was read in: a row read in an open group
   * may be uncommitted, and after a rollback the same (seq, version) can name another text.
   */
  entry(key: string, epoch?: number): Held<T> | undefined {
    const h = this.#held.get(key);
    return h && h.epoch === epoch ? h : undefined;
  }
  /** The seq and version of `sent`, as the statement's parameters ([0, 0]: none, as no row has seq 0). */
  static params(sent: Held<unknown> | undefined): [number, number] {
    return sent ? [sent.seq, sent.version] : [0, 0];
  }
  /** The record of `r`: read from the row when it carries its configuration, else the one `sent` holds. */
  record(key: string, r: Row | undefined, fromRow: (r: Row) => T, checked: string | undefined, sent: Held<T> | undefined, epoch?: number): T | undefined {
    if (!r) {
      this.#held.delete(key);
      return undefined;
    }
    // The statement leaves the configuration out only when the row is at sent's seq and version.
    if (r.config === null && sent && sent.seq === r.seq && sent.version === r.version) {
      sent.checked = checked;
      return { ...sent.record };
    }
    const record = fromRow(r);
    if (this.#held.size >= 4096 && !this.#held.has(key)) this.#held.delete(this.#held.keys().next().value!);
    this.#held.set(key, { seq: r.seq as number, version: r.version as number, record, checked, epoch });
    return { ...record };
  }
}
