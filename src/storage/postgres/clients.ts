import type { ClientRepository } from '../repositories/clients.ts';
import { StoreConflict } from '../repositories/conflicts.ts';
import { afterSeq, clientFromRow, page, secretsColumn } from '../shared/rows.ts';
import type { Db } from './db.ts';

export function clients(db: Db): ClientRepository {
  return {
    create: async (c) => {
      const n = await db.run(`INSERT INTO clients (pool_id, client_id, name, secret, secrets, created_at, last_modified_at, config) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                              ON CONFLICT DO NOTHING`, [c.poolId, c.clientId, c.name, c.secret, secretsColumn(c), c.createdAt, c.lastModifiedAt, JSON.stringify(c.config)]);
      if (n === 0) throw new StoreConflict(`client ${c.clientId} exists`);
    },
    get: async (poolId, clientId) => {
      const r = await db.one(`SELECT * FROM clients WHERE client_id = $1 AND pool_id = $2${db.lock}`, [clientId, poolId]);
      return r && clientFromRow(r);
    },
    getById: async (clientId) => {
      const r = await db.one(`SELECT * FROM clients WHERE client_id = $1${db.lock}`, [clientId]);
      return r && clientFromRow(r);
    },
    update: async (c) =>
      (await db.run('UPDATE clients SET name = $1, secret = $2, secrets = $3, last_modified_at = $4, config = $5, version = version + 1 WHERE client_id = $6 AND pool_id = $7',
        [c.name, c.secret, secretsColumn(c), c.lastModifiedAt, JSON.stringify(c.config), c.clientId, c.poolId])) > 0,
    delete: async (poolId, clientId) => (await db.run('DELETE FROM clients WHERE client_id = $1 AND pool_id = $2', [clientId, poolId])) > 0,
    list: async (poolId, p) =>
      page(await db.rows('SELECT * FROM clients WHERE pool_id = $1 AND seq > $2 ORDER BY seq LIMIT $3', [poolId, afterSeq(p), p.limit + 1]), p.limit, clientFromRow),
    count: async (poolId) => (await db.one('SELECT count(*) AS n FROM clients WHERE pool_id = $1', [poolId]))!.n as number,
  };
}
