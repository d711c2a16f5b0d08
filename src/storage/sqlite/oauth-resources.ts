import { StoreConflict } from '../repositories/conflicts.ts';
import type { PoolDomainRepository } from '../repositories/pool-domains.ts';
import type { ResourceServerRepository } from '../repositories/resource-servers.ts';
import { poolDomainFromRow, resourceServerFromRow } from '../shared/oauth-rows.ts';
import { afterSeq, isUniqueViolation, page, type Exec, type Row, type Statements } from './statements.ts';

export function poolDomains(sql: Statements, exec: Exec): PoolDomainRepository {
  return {
    create: (d) =>
      exec(() => {
        try {
          sql.get('INSERT INTO pool_domains (domain, pool_id, kind, certificate_arn, managed_login_version, cloud_front, last_modified_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
            .run(d.domain, d.poolId, d.kind, d.certificateArn, d.managedLoginVersion, d.cloudFront, d.lastModifiedAt);
        } catch (e) {
          if (isUniqueViolation(e)) throw new StoreConflict(`domain ${d.domain} or the pool's ${d.kind} domain exists`);
          throw e;
        }
      }),
    get: (domain) =>
      exec(() => {
        const r = sql.get('SELECT * FROM pool_domains WHERE domain = ?').get(domain) as Row | undefined;
        return r && poolDomainFromRow(r);
      }),
    forPool: (poolId) =>
      exec(() => (sql.get("SELECT * FROM pool_domains WHERE pool_id = ? ORDER BY kind = 'custom'").all(poolId) as Row[]).map(poolDomainFromRow)),
    update: (d) =>
      exec(
        () =>
          sql.get('UPDATE pool_domains SET certificate_arn = ?, managed_login_version = ?, last_modified_at = ? WHERE domain = ?')
            .run(d.certificateArn, d.managedLoginVersion, d.lastModifiedAt, d.domain).changes > 0,
      ),
    delete: (domain) => exec(() => sql.get('DELETE FROM pool_domains WHERE domain = ?').run(domain).changes > 0),
  };
}

export function resourceServers(sql: Statements, exec: Exec): ResourceServerRepository {
  return {
    create: (r) =>
      exec(() => {
        try {
          sql.get('INSERT INTO resource_servers (pool_id, identifier, name, scopes, created_at) VALUES (?, ?, ?, ?, ?)')
            .run(r.poolId, r.identifier, r.name, JSON.stringify(r.scopes), r.createdAt);
        } catch (e) {
          if (isUniqueViolation(e)) throw new StoreConflict(`resource server ${r.identifier} exists`);
          throw e;
        }
      }),
    get: (poolId, identifier) =>
      exec(() => {
        const r = sql.get('SELECT * FROM resource_servers WHERE pool_id = ? AND identifier = ?').get(poolId, identifier) as Row | undefined;
        return r && resourceServerFromRow(r);
      }),
    update: (r) =>
      exec(
        () =>
          sql.get('UPDATE resource_servers SET name = ?, scopes = ? WHERE pool_id = ? AND identifier = ?')
            .run(r.name, JSON.stringify(r.scopes), r.poolId, r.identifier).changes > 0,
      ),
    delete: (poolId, identifier) => exec(() => sql.get('DELETE FROM resource_servers WHERE pool_id = ? AND identifier = ?').run(poolId, identifier).changes > 0),
    list: (poolId, p) =>
      exec(() =>
        page(sql.get('SELECT * FROM resource_servers WHERE pool_id = ? AND seq > ? ORDER BY seq LIMIT ?').all(poolId, afterSeq(p), p.limit + 1) as Row[], p.limit, resourceServerFromRow),
      ),
  };
}
