import type { UserRecord } from '../../domain/user.ts';
import { userFromRow, type Row } from '../shared/rows.ts';

/**
 * When a record read before can be handed out again without reading its row. Every request of a
 * signed-in user reads its pool, its app client and its user; with this it reads one pragma
 * instead: the connection's data_version (which changes when another connection, another process on
 * the file, commits) and an epoch of this process's writes of pools and clients and of its failed
 * commits and rolled-back savepoints (which may take back any write). A user's own writes forget
 * that user's row (UserRows). A user's row is held from inside a transaction too: what a transaction
 * read can only be taken back by a rollback of it or a failed commit, and both move the epoch.
 * Pools and clients are held only from reads outside one (ByVersion), where nearly all of them are.
 */
export class ReadMemo {
  #epoch = 0;
  readonly #dataVersion: () => number;
  /** The last stamp made, kept: equal stamps are then one string, compared at once. */
  #last = { dataVersion: NaN, epoch: NaN, stamp: '' };
  constructor(dataVersion: () => number) {
    this.#dataVersion = dataVersion;
  }
  /** Anything may have changed here: a write of a pool or a client, or a rollback. */
  changed(): void {
    this.#epoch++;
  }
  /** Bumped by every change() (a write of a pool or a client, a rollback). */
  get epoch(): number {
    return this.#epoch;
  }
  /** Equal stamps: nothing can have changed in between but the rows this process forgot. */
  stamp(): string {
    const dataVersion = this.#dataVersion();
    const last = this.#last;
    if (last.dataVersion !== dataVersion || last.epoch !== this.#epoch) this.#last = { dataVersion, epoch: this.#epoch, stamp: `${dataVersion} ${this.#epoch}` };
    return this.#last.stamp;
  }
}

/**
 * Users as last read, by pool and sub, with the stamp they were read under. A user's row is read by
 * every operation of a signed-in user, and that read (two B-tree descents, thirteen columns, one of
 * them the kilobyte of the password record) and parsing its JSON were a tenth of
 * GetUserAttributeVerificationCode's time on the event loop. Each hit is a record of its own, which
 * its caller may change: its attributes and pending values copied (flat maps of strings), its
 * settings parsed again (their shape is the operations' own); the password record is shared, and
 * frozen (a new password replaces it whole). Every write of a user forgets it first, inside a
 * transaction too. Oldest first out.
 */
export class UserRows {
  /**
   * By sub alone, the pool checked on a hit: the sub of a signed-in user's request is the same string
   * every time (from its token's decoded claims, held by TokenService), whose hash V8 keeps.
   */
  readonly #held = new Map<string, { poolId: string; user: UserRecord; settings: string; checked: string }>();
  readonly #limit: number;
  constructor(limit = 8192) {
    this.#limit = limit;
  }
  /** The user held, as a record of its own, if it was read under `stamp`. */
  fresh(poolId: string, sub: string, stamp: string): UserRecord | undefined {
    const h = this.#held.get(sub);
    return h && h.checked === stamp && h.poolId === poolId ? copy(h.user, h.settings) : undefined;
  }
  /** Holds the user of `row` (read under `stamp`) and returns it as a record of its own; forgets it when there is no row. */
  keep(poolId: string, sub: string, row: Row | undefined, stamp: string): UserRecord | undefined {
    if (!row) {
      this.forget(poolId, sub);
      return undefined;
    }
    const user = userFromRow(row);
    if (user.password) Object.freeze(user.password);
    if (this.#held.size >= this.#limit && !this.#held.has(sub)) this.#held.delete(this.#held.keys().next().value!);
    this.#held.set(sub, { poolId, user, settings: row.settings as string, checked: stamp });
    return copy(user, row.settings as string);
  }
  forget(poolId: string, sub: string): void {
    if (this.#held.get(sub)?.poolId === poolId) this.#held.delete(sub);
  }
}

const copy = (u: UserRecord, settings: string): UserRecord => ({ ...u, attributes: { ...u.attributes }, pending: { ...u.pending }, settings: JSON.parse(settings) });
