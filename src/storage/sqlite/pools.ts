import { StoreConflict, type ClientRepository, type PoolRepository } from '../types.ts';
import { clientFromRow, poolFromRow } from '../rows.ts';
import { afterSeq, isUniqueViolation, page, type Exec, type Row, type Statements } from './statements.ts';

export function pools(sql: Statements, exec: Exec): PoolRepository {
  return {
    create: (p) =>
      exec(() => {
        try {
          sql.get('INSERT INTO pools (id, name, created_at, last_modified_at, config) VALUES (?, ?, ?, ?, ?)')
            .run(p.id, p.name, p.createdAt, p.lastModifiedAt, JSON.stringify(p.config));
        } catch (e) {
          if (isUniqueViolation(e)) throw new StoreConflict(`pool ${p.id} exists`);
          throw e;
        }
      }),
    get: (id) =>
      exec(() => {
        const r = sql.get('SELECT * FROM pools WHERE id = ?').get(id) as Row | undefined;
        return r && poolFromRow(r);
      }),
    update: (p) =>
      exec(() => {
        const res = sql.get('UPDATE pools SET name = ?, last_modified_at = ?, config = ? WHERE id = ?')
          .run(p.name, p.lastModifiedAt, JSON.stringify(p.config), p.id);
        return res.changes > 0;
      }),
    delete: (id) => exec(() => sql.get('DELETE FROM pools WHERE id = ?').run(id).changes > 0),
    list: (p) =>
      exec(() => page(sql.get('SELECT * FROM pools WHERE seq > ? ORDER BY seq LIMIT ?').all(afterSeq(p), p.limit + 1) as Row[], p.limit, poolFromRow)),
    count: () => exec(() => (sql.get('SELECT count(*) AS n FROM pools').get() as { n: number }).n),
  };
}

export function clients(sql: Statements, exec: Exec): ClientRepository {
  return {
    create: (c) =>
      exec(() => {
        try {
          sql.get('INSERT INTO clients (pool_id, client_id, name, secret, created_at, last_modified_at, config) VALUES (?, ?, ?, ?, ?, ?, ?)')
            .run(c.poolId, c.clientId, c.name, c.secret, c.createdAt, c.lastModifiedAt, JSON.stringify(c.config));
        } catch (e) {
          if (isUniqueViolation(e)) throw new StoreConflict(`client ${c.clientId} exists`);
          throw e;
        }
      }),
    get: (poolId, clientId) =>
      exec(() => {
        const r = sql.get('SELECT * FROM clients WHERE client_id = ? AND pool_id = ?').get(clientId, poolId) as Row | undefined;
        return r && clientFromRow(r);
      }),
    getById: (clientId) =>
      exec(() => {
        const r = sql.get('SELECT * FROM clients WHERE client_id = ?').get(clientId) as Row | undefined;
        return r && clientFromRow(r);
      }),
    update: (c) =>
      exec(() => {
        const res = sql.get('UPDATE clients SET name = ?, secret = ?, last_modified_at = ?, config = ? WHERE client_id = ? AND pool_id = ?')
          .run(c.name, c.secret, c.lastModifiedAt, JSON.stringify(c.config), c.clientId, c.poolId);
        return res.changes > 0;
      }),
    delete: (poolId, clientId) => exec(() => sql.get('DELETE FROM clients WHERE client_id = ? AND pool_id = ?').run(clientId, poolId).changes > 0),
    list: (poolId, p) =>
      exec(() =>
        page(sql.get('SELECT * FROM clients WHERE pool_id = ? AND seq > ? ORDER BY seq LIMIT ?').all(poolId, afterSeq(p), p.limit + 1) as Row[], p.limit, clientFromRow),
      ),
    count: (poolId) => exec(() => (sql.get('SELECT count(*) AS n FROM clients WHERE pool_id = ?').get(poolId) as { n: number }).n),
  };
}
