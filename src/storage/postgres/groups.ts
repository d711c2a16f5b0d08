import { StoreConflict } from '../repositories/conflicts.ts';
import type { GroupRepository } from '../repositories/groups.ts';
import { decodeValueCursor, encodeValueCursor } from '../shared/cursor.ts';
import { afterSeq, groupFromRow, page } from '../shared/rows.ts';
import type { Db } from './db.ts';

export function groups(db: Db): GroupRepository {
  return {
    create: async (g) => {
      const n = await db.run(`INSERT INTO groups (pool_id, name, description, role_arn, precedence, created_at, last_modified_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
                              ON CONFLICT DO NOTHING`, [g.poolId, g.name, g.description, g.roleArn, g.precedence, g.createdAt, g.lastModifiedAt]);
      if (n === 0) throw new StoreConflict(`group ${g.name} exists`);
    },
    get: async (poolId, name) => {
      const r = await db.one(`SELECT * FROM groups WHERE pool_id = $1 AND name = $2${db.lock}`, [poolId, name]);
      return r && groupFromRow(r);
    },
    update: async (g) =>
      (await db.run('UPDATE groups SET description = $1, role_arn = $2, precedence = $3, last_modified_at = $4 WHERE pool_id = $5 AND name = $6',
        [g.description, g.roleArn, g.precedence, g.lastModifiedAt, g.poolId, g.name])) > 0,
    delete: async (poolId, name) => (await db.run('DELETE FROM groups WHERE pool_id = $1 AND name = $2', [poolId, name])) > 0,
    list: async (poolId, p) =>
      page(await db.rows('SELECT * FROM groups WHERE pool_id = $1 AND seq > $2 ORDER BY seq LIMIT $3', [poolId, afterSeq(p), p.limit + 1]), p.limit, groupFromRow),
    addMember: async (poolId, name, sub) => {
      await db.run('INSERT INTO group_members (pool_id, group_name, sub) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [poolId, name, sub]);
    },
    removeMember: async (poolId, name, sub) => {
      await db.run('DELETE FROM group_members WHERE pool_id = $1 AND group_name = $2 AND sub = $3', [poolId, name, sub]);
    },
    listForUser: async (poolId, sub, p) => {
      const after = p.after === undefined ? '' : decodeValueCursor(p.after).value;
      const rows = await db.rows(`SELECT g.* FROM group_members m JOIN groups g ON g.pool_id = m.pool_id AND g.name = m.group_name
                                  WHERE m.pool_id = $1 AND m.sub = $2 AND g.name > $3 ORDER BY g.name LIMIT $4`, [poolId, sub, after, p.limit + 1]);
      const more = rows.length > p.limit;
      const items = (more ? rows.slice(0, p.limit) : rows).map(groupFromRow);
      return more ? { items, next: encodeValueCursor(items[items.length - 1].name, 0) } : { items };
    },
    listMembers: async (poolId, name, p) =>
      page(
        await db.rows('SELECT seq, sub FROM group_members WHERE pool_id = $1 AND group_name = $2 AND seq > $3 ORDER BY seq LIMIT $4', [poolId, name, afterSeq(p), p.limit + 1]),
        p.limit,
        (r) => r.sub as string,
      ),
  };
}
