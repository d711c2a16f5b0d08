import type { UserKeys, UserRecord } from '../../domain/user.ts';
import { UserKeyConflict } from '../repositories/conflicts.ts';
import type { Page } from '../repositories/paging.ts';
import { KEYS_UNCHANGED, type UserRepository } from '../repositories/users.ts';
import { decodeValueCursor, encodeValueCursor } from '../shared/cursor.ts';
import { userFromRow } from '../shared/rows.ts';
import type { ReadMemo, UserRows } from './memo.ts';
import { afterSeq, isUniqueViolation, page, type Exec, type Row, type Statements } from './statements.ts';

/** The largest code point: `value < prefix + MAX` bounds a prefix range on the index. */
const MAX = '\u{10FFFF}';

/**
 * `memo` and `rows` are shared by the store's repositories: a read may hand out a row read before
 * (see UserRows), inside a transaction too. Every write forgets the row.
 */
export function users(sql: Statements, exec: Exec, memo: ReadMemo, rows: UserRows): UserRepository {
  /**
   * Brings a user's alias and search rows to `keys`; a taken alias throws UserKeyConflict. Only the
   * rows that change are written: verifying an email changes one search row of a dozen, and
   * rewriting them all (two B-tree writes each) was most of VerifyUserAttribute's store time.
   * `fresh`: the user has no rows yet (just created).
   */
  function writeKeys(u: UserRecord, keys: UserKeys, seq: number, fresh: boolean): void {
    const aliasKey = (a: { kind: string; key: string }) => `${a.kind}\u0000${a.key}`;
    const searchKey = (s: { attr: string; value: string }) => `${s.attr}\u0000${s.value}`;
    const oldAliases = fresh ? [] : (sql.get('SELECT kind, key FROM user_aliases WHERE pool_id = ? AND sub = ?').all(u.poolId, u.sub) as { kind: string; key: string }[]);
    const oldSearch = fresh ? [] : (sql.get('SELECT attr, value FROM user_search WHERE pool_id = ? AND sub = ?').all(u.poolId, u.sub) as { attr: string; value: string }[]);
    const newAliases = new Set(keys.aliases.map(aliasKey));
    const newSearch = new Set(keys.search.map(searchKey));
    const hadAliases = new Set(oldAliases.map(aliasKey));
    const hadSearch = new Set(oldSearch.map(searchKey));
    for (const a of oldAliases) if (!newAliases.has(aliasKey(a))) sql.get('DELETE FROM user_aliases WHERE pool_id = ? AND kind = ? AND key = ?').run(u.poolId, a.kind, a.key);
    for (const x of oldSearch) if (!newSearch.has(searchKey(x))) sql.get('DELETE FROM user_search WHERE pool_id = ? AND attr = ? AND value = ? AND seq = ?').run(u.poolId, x.attr, x.value, seq);
    for (const a of keys.aliases) {
      if (hadAliases.has(aliasKey(a))) continue;
      try {
        sql.get('INSERT INTO user_aliases (pool_id, kind, key, sub) VALUES (?, ?, ?, ?)').run(u.poolId, a.kind, a.key, u.sub);
      } catch (e) {
        if (isUniqueViolation(e)) throw new UserKeyConflict(a.kind);
        throw e;
      }
    }
    for (const x of keys.search) if (!hadSearch.has(searchKey(x))) sql.get('INSERT INTO user_search (pool_id, attr, value, seq, sub) VALUES (?, ?, ?, ?, ?)').run(u.poolId, x.attr, x.value, seq, u.sub);
  }

  /** Several statements that must hold together: the caller's transaction, or a savepoint of our own. */
  function atomically<T>(work: () => T): T {
    sql.get('SAVEPOINT user_write').run();
    try {
      const out = work();
      sql.get('RELEASE user_write').run();
      return out;
    } catch (e) {
      sql.get('ROLLBACK TO user_write').run();
      sql.get('RELEASE user_write').run();
      throw e;
    }
  }

  const json = (u: UserRecord) => [u.status, u.enabled ? 1 : 0, JSON.stringify(u.attributes), JSON.stringify(u.pending), u.password ? JSON.stringify(u.password) : null, JSON.stringify(u.settings)] as const;

  return {
    create: (u, keys) =>
      exec(() =>
        atomically(() => {
          rows.forget(u.poolId, u.sub);
          let seq: number;
          try {
            seq = Number(
              sql.get(`INSERT INTO users (pool_id, sub, username, username_key, status, enabled, attributes, pending, password, settings, created_at, last_modified_at, version)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
                .run(u.poolId, u.sub, u.username, keys.usernameKey, ...json(u), u.createdAt, u.lastModifiedAt, u.version).lastInsertRowid,
            );
          } catch (e) {
            if (isUniqueViolation(e)) throw new UserKeyConflict(/username_key/.test((e as Error).message) ? 'username' : 'sub');
            throw e;
          }
          writeKeys(u, keys, seq, true);
        }),
      ),
    get: (poolId, sub) =>
      exec(() => {
        const stamp = memo.stamp();
        return rows.fresh(poolId, sub, stamp) ?? rows.keep(poolId, sub, sql.get('SELECT * FROM users WHERE pool_id = ? AND sub = ?').get(poolId, sub) as Row | undefined, stamp);
      }),
    getByUsername: (poolId, key) =>
      exec(() => {
        const r = sql.get('SELECT * FROM users WHERE pool_id = ? AND username_key = ?').get(poolId, key) as Row | undefined;
        return r && userFromRow(r);
      }),
    getByAlias: (poolId, kind, key) =>
      exec(() => {
        const r = sql.get('SELECT u.* FROM user_aliases a JOIN users u ON u.pool_id = a.pool_id AND u.sub = a.sub WHERE a.pool_id = ? AND a.kind = ? AND a.key = ?')
          .get(poolId, kind, key) as Row | undefined;
        return r && userFromRow(r);
      }),
    update: (u, keys) =>
      exec(() =>
        atomically(() => {
          rows.forget(u.poolId, u.sub);
          // Not the username key: a username never changes, and naming the column in SET would make
          // SQLite rewrite its unique index's entry on every update (a page more for the disk).
          const r = sql.get(`UPDATE users SET status = ?, enabled = ?, attributes = ?, pending = ?, password = ?, settings = ?, last_modified_at = ?, version = version + 1
                             WHERE pool_id = ? AND sub = ? AND version = ? RETURNING seq`)
            .get(...json(u), u.lastModifiedAt, u.poolId, u.sub, u.version) as { seq: number } | undefined;
          if (!r) return false;
          if (keys !== KEYS_UNCHANGED) writeKeys(u, keys, r.seq, false);
          return true;
        }),
      ),
    delete: (poolId, sub) =>
      exec(() =>
        atomically(() => {
          rows.forget(poolId, sub);
          sql.get('DELETE FROM codes WHERE pool_id = ? AND user_id = ?').run(poolId, sub);
          return sql.get('DELETE FROM users WHERE pool_id = ? AND sub = ?').run(poolId, sub).changes > 0;
        }),
      ),
    list: (poolId, filter, p) =>
      exec((): Page<UserRecord> => {
        if (!filter) {
          const rows = sql.get('SELECT * FROM users WHERE pool_id = ? AND seq > ? ORDER BY seq LIMIT ?').all(poolId, afterSeq(p), p.limit + 1) as Row[];
          return page(rows, p.limit, userFromRow);
        }
        const after = p.after === undefined ? undefined : decodeValueCursor(p.after);
        const upper = filter.op === '=' ? filter.value : filter.value + MAX;
        const rows = sql.get(`SELECT u.*, s.value AS search_value FROM user_search s JOIN users u ON u.pool_id = s.pool_id AND u.sub = s.sub
                              WHERE s.pool_id = ? AND s.attr = ? AND s.value >= ? AND s.value <= ? AND (s.value > ? OR (s.value = ? AND s.seq > ?))
                              ORDER BY s.value, s.seq LIMIT ?`)
          .all(poolId, filter.attr, filter.value, upper, after?.value ?? '', after?.value ?? '', after?.seq ?? 0, p.limit + 1) as Row[];
        const more = rows.length > p.limit;
        const items = (more ? rows.slice(0, p.limit) : rows).map(userFromRow);
        const last = rows[p.limit - 1];
        return more ? { items, next: encodeValueCursor(last.search_value as string, last.seq as number) } : { items };
      }),
    count: (poolId) => exec(() => (sql.get('SELECT count(*) AS n FROM users WHERE pool_id = ?').get(poolId) as { n: number }).n),
  };
}
