import { StoreConflict } from '../repositories/conflicts.ts';
import type { PoolRepository } from '../repositories/pools.ts';
import { afterSeq, page, poolFromRow } from '../shared/rows.ts';
import type { Db } from './db.ts';

// ON CONFLICT DO NOTHING reports a taken id without an error, which would abort an open transaction.
export function pools(db: Db): PoolRepository {
  return {
    create: async (p) => {
      const n = await db.run('INSERT INTO pools (id, name, created_at, last_modified_at, config) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
        [p.id, p.name, p.createdAt, p.lastModifiedAt, JSON.stringify(p.config)]);
      if (n === 0) throw new StoreConflict(`pool ${p.id} exists`);
    },
    get: async (id) => {
      const r = await db.one(`SELECT * FROM pools WHERE id = $1${db.lock}`, [id]);
      return r && poolFromRow(r);
    },
    update: async (p) =>
      (await db.run('UPDATE pools SET name = $1, last_modified_at = $2, config = $3, version = version + 1 WHERE id = $4', [p.name, p.lastModifiedAt, JSON.stringify(p.config), p.id])) > 0,
    delete: async (id) => (await db.run('DELETE FROM pools WHERE id = $1', [id])) > 0,
    list: async (p) => page(await db.rows('SELECT * FROM pools WHERE seq > $1 ORDER BY seq LIMIT $2', [afterSeq(p), p.limit + 1]), p.limit, poolFromRow),
    count: async () => (await db.one('SELECT count(*) AS n FROM pools'))!.n as number,
  };
}
