import { StoreConflict } from '../repositories/conflicts.ts';
import type { GroupRepository } from '../repositories/groups.ts';
import { decodeValueCursor, encodeValueCursor } from '../shared/cursor.ts';
import { groupFromRow } from '../shared/rows.ts';
import { afterSeq, isUniqueViolation, page, type Exec, type Row, type Statements } from './statements.ts';

export function groups(sql: Statements, exec: Exec): GroupRepository {
  return {
    create: (g) =>
      exec(() => {
        try {
          sql.get('INSERT INTO groups (pool_id, name, description, role_arn, precedence, created_at, last_modified_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
            .run(g.poolId, g.name, g.description, g.roleArn, g.precedence, g.createdAt, g.lastModifiedAt);
        } catch (e) {
          if (isUniqueViolation(e)) throw new StoreConflict(`group ${g.name} exists`);
          throw e;
        }
      }),
    get: (poolId, name) =>
      exec(() => {
        const r = sql.get('SELECT * FROM groups WHERE pool_id = ? AND name = ?').get(poolId, name) as Row | undefined;
        return r && groupFromRow(r);
      }),
    update: (g) =>
      exec(
        () =>
          sql.get('UPDATE groups SET description = ?, role_arn = ?, precedence = ?, last_modified_at = ? WHERE pool_id = ? AND name = ?')
            .run(g.description, g.roleArn, g.precedence, g.lastModifiedAt, g.poolId, g.name).changes > 0,
      ),
    delete: (poolId, name) => exec(() => sql.get('DELETE FROM groups WHERE pool_id = ? AND name = ?').run(poolId, name).changes > 0),
    list: (poolId, p) =>
      exec(() => page(sql.get('SELECT * FROM groups WHERE pool_id = ? AND seq > ? ORDER BY seq LIMIT ?').all(poolId, afterSeq(p), p.limit + 1) as Row[], p.limit, groupFromRow)),
    addMember: (poolId, name, sub) =>
      exec(() => {
        sql.get('INSERT INTO group_members (pool_id, group_name, sub) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(poolId, name, sub);
      }),
    removeMember: (poolId, name, sub) =>
      exec(() => {
        sql.get('DELETE FROM group_members WHERE pool_id = ? AND group_name = ? AND sub = ?').run(poolId, name, sub);
      }),
    listForUser: (poolId, sub, p) =>
      exec(() => {
        const after = p.after === undefined ? '' : decodeValueCursor(p.after).value;
        const rows = sql.get(`SELECT g.* FROM group_members m JOIN groups g ON g.pool_id = m.pool_id AND g.name = m.group_name
                              WHERE m.pool_id = ? AND m.sub = ? AND g.name > ? ORDER BY g.name LIMIT ?`).all(poolId, sub, after, p.limit + 1) as Row[];
        const more = rows.length > p.limit;
        const items = (more ? rows.slice(0, p.limit) : rows).map(groupFromRow);
        return more ? { items, next: encodeValueCursor(items[items.length - 1].name, 0) } : { items };
      }),
    listMembers: (poolId, name, p) =>
      exec(() =>
        page(
          sql.get('SELECT seq, sub FROM group_members WHERE pool_id = ? AND group_name = ? AND seq > ? ORDER BY seq LIMIT ?').all(poolId, name, afterSeq(p), p.limit + 1) as Row[],
          p.limit,
          (r) => r.sub as string,
        ),
      ),
  };
}
