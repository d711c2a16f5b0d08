import type { ClientRecord } from '../../domain/client.ts';
import type { PoolRecord } from '../../domain/pool.ts';
import type { ClientRepository } from '../repositories/clients.ts';
import { StoreConflict } from '../repositories/conflicts.ts';
import type { PoolRepository } from '../repositories/pools.ts';
import { clientFromRow, poolFromRow } from '../shared/rows.ts';
import type { ReadMemo } from './memo.ts';
import { afterSeq, isUniqueViolation, page, type Exec, type Row, type Statements } from './statements.ts';

/**
 * The records last read, by key, with the version of their row. A pool's configuration is some
 * 4 KB of JSON: reading that text out of SQLite and comparing it with the one parsed before was a
 * twentieth of GetUserAttributeVerificationCode. Unless the memo's stamp is unchanged since the
 * record was last checked, the row is read (the store stays the truth), its configuration text
 * only when its version differs from the one held. Handed out as copies: the configuration inside
 * is shared and frozen (parseShared).
 */
class ByVersion<T> {
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

/** `memo`: shared by the store's repositories; `trusted` for those outside a transaction, which may skip rows. */
export function pools(sql: Statements, exec: Exec, memo: ReadMemo, trusted: boolean): PoolRepository {
  const held = new ByVersion<PoolRecord>();
  const wrote = <T>(out: T): T => (memo.changed(), out);
  return {
    create: (p) =>
      exec(() => {
        try {
          sql.get('INSERT INTO pools (id, name, created_at, last_modified_at, config) VALUES (?, ?, ?, ?, ?)')
            .run(p.id, p.name, p.createdAt, p.lastModifiedAt, JSON.stringify(p.config));
          memo.changed();
        } catch (e) {
          if (isUniqueViolation(e)) throw new StoreConflict(`pool ${p.id} exists`);
          throw e;
        }
      }),
    get: (id) =>
      exec(() => {
        const stamp = trusted ? memo.stamp() : undefined;
        const fresh = held.fresh(id, stamp);
        if (fresh) return fresh;
        const r = sql.get('SELECT seq, id, name, created_at, last_modified_at, version, CASE WHEN seq = ? AND version = ? THEN NULL ELSE config END AS config FROM pools WHERE id = ?')
          .get(...held.stamp(id), id) as Row | undefined;
        return held.record(id, r, poolFromRow, stamp);
      }),
    update: (p) =>
      exec(() => {
        const res = sql.get('UPDATE pools SET name = ?, last_modified_at = ?, config = ?, version = version + 1 WHERE id = ?')
          .run(p.name, p.lastModifiedAt, JSON.stringify(p.config), p.id);
        return wrote(res.changes > 0);
      }),
    // With its messages, which no index finds by pool (migration 11): one pass through the outbox,
    // which retention keeps to about a week of messages. Codes go by their key (ON DELETE CASCADE).
    delete: (id) =>
      exec(() => {
        sql.get('DELETE FROM messages WHERE pool_id = ?').run(id);
        return wrote(sql.get('DELETE FROM pools WHERE id = ?').run(id).changes > 0);
      }),
    list: (p) =>
      exec(() => page(sql.get('SELECT * FROM pools WHERE seq > ? ORDER BY seq LIMIT ?').all(afterSeq(p), p.limit + 1) as Row[], p.limit, poolFromRow)),
    count: () => exec(() => (sql.get('SELECT count(*) AS n FROM pools').get() as { n: number }).n),
  };
}

export function clients(sql: Statements, exec: Exec, memo: ReadMemo, trusted: boolean): ClientRepository {
  const held = new ByVersion<ClientRecord>();
  const wrote = <T>(out: T): T => (memo.changed(), out);
  return {
    create: (c) =>
      exec(() => {
        try {
          sql.get('INSERT INTO clients (pool_id, client_id, name, secret, created_at, last_modified_at, config) VALUES (?, ?, ?, ?, ?, ?, ?)')
            .run(c.poolId, c.clientId, c.name, c.secret, c.createdAt, c.lastModifiedAt, JSON.stringify(c.config));
          memo.changed();
        } catch (e) {
          if (isUniqueViolation(e)) throw new StoreConflict(`client ${c.clientId} exists`);
          throw e;
        }
      }),
    get: (poolId, clientId) =>
      exec(() => {
        const key = `${poolId} ${clientId}`;
        const stamp = trusted ? memo.stamp() : undefined;
        const fresh = held.fresh(key, stamp);
        if (fresh) return fresh;
        const r = sql.get(`SELECT seq, pool_id, client_id, name, secret, created_at, last_modified_at, version, CASE WHEN seq = ? AND version = ? THEN NULL ELSE config END AS config
                           FROM clients WHERE client_id = ? AND pool_id = ?`).get(...held.stamp(key), clientId, poolId) as Row | undefined;
        return held.record(key, r, clientFromRow, stamp);
      }),
    getById: (clientId) =>
      exec(() => {
        const r = sql.get('SELECT * FROM clients WHERE client_id = ?').get(clientId) as Row | undefined;
        return r && clientFromRow(r);
      }),
    update: (c) =>
      exec(() => {
        const res = sql.get('UPDATE clients SET name = ?, secret = ?, last_modified_at = ?, config = ?, version = version + 1 WHERE client_id = ? AND pool_id = ?')
          .run(c.name, c.secret, c.lastModifiedAt, JSON.stringify(c.config), c.clientId, c.poolId);
        return wrote(res.changes > 0);
      }),
    delete: (poolId, clientId) => exec(() => wrote(sql.get('DELETE FROM clients WHERE client_id = ? AND pool_id = ?').run(clientId, poolId).changes > 0)),
    list: (poolId, p) =>
      exec(() =>
        page(sql.get('SELECT * FROM clients WHERE pool_id = ? AND seq > ? ORDER BY seq LIMIT ?').all(poolId, afterSeq(p), p.limit + 1) as Row[], p.limit, clientFromRow)),
    count: (poolId) => exec(() => (sql.get('SELECT count(*) AS n FROM clients WHERE pool_id = ?').get(poolId) as { n: number }).n),
  };
}
