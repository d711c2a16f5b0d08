import type { PoolRecord } from '../../domain/pool.ts';
import { StoreConflict } from '../repositories/conflicts.ts';
import type { PoolRepository } from '../repositories/pools.ts';
import { poolFromRow } from '../shared/rows.ts';
import { ByVersion } from '../shared/by-version.ts';
import type { ReadMemo } from './memo.ts';
import { afterSeq, isUniqueViolation, page, type Exec, type Row, type Statements } from './statements.ts';

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
        const epoch = memo.epoch;
        const sent = held.entry(id, epoch);
        const r = sql.get('SELECT seq, id, name, created_at, last_modified_at, version, CASE WHEN seq = ? AND version = ? THEN NULL ELSE config END AS config FROM pools WHERE id = ?')
          .get(...ByVersion.params(sent), id) as Row | undefined;
        return held.record(id, r, poolFromRow, stamp, sent, epoch);
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
