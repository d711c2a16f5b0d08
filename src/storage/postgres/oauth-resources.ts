import { StoreConflict } from '../repositories/conflicts.ts';
import type { PoolDomainRepository } from '../repositories/pool-domains.ts';
import type { ResourceServerRepository } from '../repositories/resource-servers.ts';
import { poolDomainFromRow, resourceServerFromRow } from '../shared/oauth-rows.ts';
import { afterSeq, page } from '../shared/rows.ts';
import type { Db } from './db.ts';

export function poolDomains(db: Db): PoolDomainRepository {
  return {
    create: async (d) => {
      const n = await db.run(`INSERT INTO pool_domains (domain, pool_id, kind, certificate_arn, managed_login_version, cloud_front, last_modified_at)
                              VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
        [d.domain, d.poolId, d.kind, d.certificateArn, d.managedLoginVersion, d.cloudFront, d.lastModifiedAt]);
      if (n === 0) throw new StoreConflict(`domain ${d.domain} or the pool's ${d.kind} domain exists`);
    },
    get: async (domain) => {
      const r = await db.one(`SELECT * FROM pool_domains WHERE domain = $1${db.lock}`, [domain]);
      return r && poolDomainFromRow(r);
    },
    forPool: async (poolId) => (await db.rows("SELECT * FROM pool_domains WHERE pool_id = $1 ORDER BY kind = 'custom'", [poolId])).map(poolDomainFromRow),
    update: async (d) =>
      (await db.run('UPDATE pool_domains SET certificate_arn = $1, managed_login_version = $2, last_modified_at = $3 WHERE domain = $4',
        [d.certificateArn, d.managedLoginVersion, d.lastModifiedAt, d.domain])) > 0,
    delete: async (domain) => (await db.run('DELETE FROM pool_domains WHERE domain = $1', [domain])) > 0,
  };
}

export function resourceServers(db: Db): ResourceServerRepository {
  return {
    create: async (r) => {
      const n = await db.run('INSERT INTO resource_servers (pool_id, identifier, name, scopes, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
        [r.poolId, r.identifier, r.name, JSON.stringify(r.scopes), r.createdAt]);
      if (n === 0) throw new StoreConflict(`resource server ${r.identifier} exists`);
    },
    get: async (poolId, identifier) => {
      const r = await db.one(`SELECT * FROM resource_servers WHERE pool_id = $1 AND identifier = $2${db.lock}`, [poolId, identifier]);
      return r && resourceServerFromRow(r);
    },
    update: async (r) =>
      (await db.run('UPDATE resource_servers SET name = $1, scopes = $2 WHERE pool_id = $3 AND identifier = $4', [r.name, JSON.stringify(r.scopes), r.poolId, r.identifier])) > 0,
    delete: async (poolId, identifier) => (await db.run('DELETE FROM resource_servers WHERE pool_id = $1 AND identifier = $2', [poolId, identifier])) > 0,
    list: async (poolId, p) =>
      page(await db.rows('SELECT * FROM resource_servers WHERE pool_id = $1 AND seq > $2 ORDER BY seq LIMIT $3', [poolId, afterSeq(p), p.limit + 1]), p.limit, resourceServerFromRow),
  };
}
