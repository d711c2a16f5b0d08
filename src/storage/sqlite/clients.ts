import type { ClientRecord } from '../../domain/client.ts';
import type { ClientRepository } from '../repositories/clients.ts';
import { StoreConflict } from '../repositories/conflicts.ts';
import { clientFromRow, secretsColumn } from '../shared/rows.ts';
import { ByVersion } from '../shared/by-version.ts';
import type { ReadMemo } from './memo.ts';
import { afterSeq, isUniqueViolation, page, type Exec, type Row, type Statements } from './statements.ts';

export function clients(sql: Statements, exec: Exec, memo: ReadMemo, trusted: boolean): ClientRepository {
  const held = new ByVersion<ClientRecord>();
  const wrote = <T>(out: T): T => (memo.changed(), out);
  return {
    create: (c) =>
      exec(() => {
        try {
          sql.get('INSERT INTO clients (pool_id, client_id, name, secret, secrets, created_at, last_modified_at, config) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
            .run(c.poolId, c.clientId, c.name, c.secret, secretsColumn(c), c.createdAt, c.lastModifiedAt, JSON.stringify(c.config));
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
        const epoch = memo.epoch;
        const sent = held.entry(key, epoch);
        const r = sql.get(`SELECT seq, pool_id, client_id, name, secret, secrets, created_at, last_modified_at, version, CASE WHEN seq = ? AND version = ? THEN NULL ELSE config END AS config
                           FROM clients WHERE client_id = ? AND pool_id = ?`).get(...ByVersion.params(sent), clientId, poolId) as Row | undefined;
        return held.record(key, r, clientFromRow, stamp, sent, epoch);
      }),
    getById: (clientId) =>
      exec(() => {
        const r = sql.get('SELECT * FROM clients WHERE client_id = ?').get(clientId) as Row | undefined;
        return r && clientFromRow(r);
      }),
    update: (c) =>
      exec(() => {
        const res = sql.get('UPDATE clients SET name = ?, secret = ?, secrets = ?, last_modified_at = ?, config = ?, version = version + 1 WHERE client_id = ? AND pool_id = ?')
          .run(c.name, c.secret, secretsColumn(c), c.lastModifiedAt, JSON.stringify(c.config), c.clientId, c.poolId);
        return wrote(res.changes > 0);
      }),
    delete: (poolId, clientId) => exec(() => wrote(sql.get('DELETE FROM clients WHERE client_id = ? AND pool_id = ?').run(clientId, poolId).changes > 0)),
    list: (poolId, p) =>
      exec(() =>
        page(sql.get('SELECT * FROM clients WHERE pool_id = ? AND seq > ? ORDER BY seq LIMIT ?').all(poolId, afterSeq(p), p.limit + 1) as Row[], p.limit, clientFromRow)),
    count: (poolId) => exec(() => (sql.get('SELECT count(*) AS n FROM clients WHERE pool_id = ?').get(poolId) as { n: number }).n),
  };
}
