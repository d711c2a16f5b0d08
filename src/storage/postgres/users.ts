import type { UserKeys, UserRecord } from '../../domain/user.ts';
import { UserKeyConflict } from '../repositories/conflicts.ts';
import type { Page } from '../repositories/paging.ts';
import { KEYS_UNCHANGED, type UserRepository } from '../repositories/users.ts';
import { decodeValueCursor, encodeValueCursor } from '../shared/cursor.ts';
import { afterSeq, page, userFromRow } from '../shared/rows.ts';
import { constraintOf, isUniqueViolation, type Db } from './db.ts';

/** The largest code point: `value < prefix + MAX` bounds a prefix range on the index (ordered by the "C" collation). */
const MAX = '\u{10FFFF}';

const USER = 'SELECT * FROM users WHERE pool_id = $1';

export function users(outer: Db): UserRepository {
  /** Rewrites a user's alias and search rows; a taken alias throws UserKeyConflict. */
  async function writeKeys(db: Db, u: UserRecord, keys: UserKeys, seq: number): Promise<void> {
    await db.run('DELETE FROM user_aliases WHERE pool_id = $1 AND sub = $2', [u.poolId, u.sub]);
    await db.run('DELETE FROM user_search WHERE pool_id = $1 AND sub = $2', [u.poolId, u.sub]);
    for (const a of keys.aliases) {
      const n = await db.run('INSERT INTO user_aliases (pool_id, kind, key, sub) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [u.poolId, a.kind, a.key, u.sub]);
      if (n === 0) throw new UserKeyConflict(a.kind);
    }
    if (keys.search.length === 0) return;
    await db.run(`INSERT INTO user_search (pool_id, attr, value, seq, sub) SELECT $1, attr, value, $2, $3 FROM unnest($4::text[], $5::text[]) AS s(attr, value)`,
      [u.poolId, seq, u.sub, keys.search.map((s) => s.attr), keys.search.map((s) => s.value)]);
  }

  const json = (u: UserRecord) => [u.status, u.enabled, JSON.stringify(u.attributes), JSON.stringify(u.pending), u.password ? JSON.stringify(u.password) : null, JSON.stringify(u.settings)];
  const found = (r: Record<string, unknown> | undefined) => r && userFromRow(r);

  /** The user's row replaced if still at u.version: its seq (undefined: not). A username never changes: its key is written once, at creation. */
  async function replace(db: Db, u: UserRecord): Promise<number | undefined> {
    const r = await db.one(`UPDATE users SET status = $1, enabled = $2, attributes = $3, pending = $4, password = $5, settings = $6, last_modified_at = $7,
                              version = version + 1
                            WHERE pool_id = $8 AND sub = $9 AND version = $10 RETURNING seq`,
      [...json(u), u.lastModifiedAt, u.poolId, u.sub, u.version]);
    return r?.seq as number | undefined;
  }

  return {
    // Several statements that must hold together: db.atomic is the caller's transaction (a savepoint) or one of our own.
    create: (u, keys) =>
      outer.atomic(async (db) => {
        let seq: number;
        try {
          seq = (await db.one(`INSERT INTO users (pool_id, sub, username, username_key, status, enabled, attributes, pending, password, settings, created_at, last_modified_at, version)
                              VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING seq`,
            [u.poolId, u.sub, u.username, keys.usernameKey, ...json(u), u.createdAt, u.lastModifiedAt, u.version]))!.seq as number;
        } catch (e) {
          if (isUniqueViolation(e)) throw new UserKeyConflict(/username_key/.test(constraintOf(e)) ? 'username' : 'sub');
          throw e;
        }
        await writeKeys(db, u, keys, seq);
      }),
    get: async (poolId, sub) => found(await outer.one(`${USER} AND sub = $2${outer.lock}`, [poolId, sub])),
    getByUsername: async (poolId, key) => found(await outer.one(`${USER} AND username_key = $2${outer.lock}`, [poolId, key])),
    getByAlias: async (poolId, kind, key) =>
      found(await outer.one(`SELECT u.* FROM user_aliases a JOIN users u ON u.pool_id = a.pool_id AND u.sub = a.sub
                             WHERE a.pool_id = $1 AND a.kind = $2 AND a.key = $3${outer.lock && `${outer.lock} OF u`}`, [poolId, kind, key])),
    // With its keys unchanged, one statement, atomic by itself: no savepoint (or transaction) around it.
    update: async (u, keys) => {
      if (keys === KEYS_UNCHANGED) return (await replace(outer, u)) !== undefined;
      return outer.atomic(async (db) => {
        const seq = await replace(db, u);
        if (seq !== undefined) await writeKeys(db, u, keys, seq);
        return seq !== undefined;
      });
    },
    delete: (poolId, sub) =>
      outer.atomic(async (db) => {
        await db.run('DELETE FROM codes WHERE pool_id = $1 AND user_id = $2', [poolId, sub]);
        return (await db.run('DELETE FROM users WHERE pool_id = $1 AND sub = $2', [poolId, sub])) > 0;
      }),
    list: async (poolId, filter, p): Promise<Page<UserRecord>> => {
      if (!filter) return page(await outer.rows(`${USER} AND seq > $2 ORDER BY seq LIMIT $3`, [poolId, afterSeq(p), p.limit + 1]), p.limit, userFromRow);
      const after = p.after === undefined ? undefined : decodeValueCursor(p.after);
      const upper = filter.op === '=' ? filter.value : filter.value + MAX;
      const rows = await outer.rows(`SELECT u.*, s.value AS search_value FROM user_search s JOIN users u ON u.pool_id = s.pool_id AND u.sub = s.sub
                                     WHERE s.pool_id = $1 AND s.attr = $2 AND s.value >= $3 AND s.value <= $4 AND (s.value > $5 OR (s.value = $5 AND s.seq > $6))
                                     ORDER BY s.value, s.seq LIMIT $7`,
        [poolId, filter.attr, filter.value, upper, after?.value ?? '', after?.seq ?? 0, p.limit + 1]);
      const more = rows.length > p.limit;
      const items = (more ? rows.slice(0, p.limit) : rows).map(userFromRow);
      const last = rows[p.limit - 1];
      return more ? { items, next: encodeValueCursor(last.search_value as string, last.seq as number) } : { items };
    },
    count: async (poolId) => (await outer.one('SELECT count(*) AS n FROM users WHERE pool_id = $1', [poolId]))!.n as number,
  };
}
