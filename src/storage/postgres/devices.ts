import type { DeviceRepository } from '../repositories/devices.ts';
import { StoreConflict } from '../repositories/conflicts.ts';
import { afterSeq, deviceFromRow, page } from '../shared/rows.ts';
import type { Db } from './db.ts';

export function devices(db: Db): DeviceRepository {
  return {
    create: async (d) => {
      const n = await db.run(`INSERT INTO devices (pool_id, sub, device_key, group_key, verifier, salt, name, status, last_ip, created_at, last_modified_at, last_authenticated_at)
                              VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING`,
        [d.poolId, d.sub, d.key, d.groupKey, d.verifier, d.salt, d.name, d.status, d.lastIp, d.createdAt, d.lastModifiedAt, d.lastAuthenticatedAt]);
      if (n === 0) throw new StoreConflict(`device ${d.key} exists`);
    },
    get: async (poolId, sub, key) => {
      const r = await db.one(`SELECT * FROM devices WHERE pool_id = $1 AND sub = $2 AND device_key = $3${db.lock}`, [poolId, sub, key]);
      return r && deviceFromRow(r);
    },
    setStatus: async (poolId, sub, key, status, at) =>
      (await db.run('UPDATE devices SET status = $1, last_modified_at = $2 WHERE pool_id = $3 AND sub = $4 AND device_key = $5', [status, at, poolId, sub, key])) > 0,
    touch: async (poolId, sub, key, at, ip) => {
      await db.run('UPDATE devices SET last_authenticated_at = $1, last_ip = COALESCE($2, last_ip) WHERE pool_id = $3 AND sub = $4 AND device_key = $5', [at, ip, poolId, sub, key]);
    },
    delete: async (poolId, sub, key) => (await db.run('DELETE FROM devices WHERE pool_id = $1 AND sub = $2 AND device_key = $3', [poolId, sub, key])) > 0,
    list: async (poolId, sub, p) =>
      page(await db.rows('SELECT * FROM devices WHERE pool_id = $1 AND sub = $2 AND seq > $3 ORDER BY seq LIMIT $4', [poolId, sub, afterSeq(p), p.limit + 1]), p.limit, deviceFromRow),
    listAll: async (p) => page(await db.rows('SELECT * FROM devices WHERE seq > $1 ORDER BY seq LIMIT $2', [afterSeq(p), p.limit + 1]), p.limit, deviceFromRow),
    reseal: async (poolId, sub, key, sealed, resealed) =>
      (await db.run('UPDATE devices SET verifier = $1 WHERE pool_id = $2 AND sub = $3 AND device_key = $4 AND verifier = $5', [resealed, poolId, sub, key, sealed])) > 0,
  };
}
