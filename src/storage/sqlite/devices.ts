import type { DeviceRepository } from '../repositories/devices.ts';
import { StoreConflict } from '../repositories/conflicts.ts';
import { deviceFromRow } from '../shared/rows.ts';
import { afterSeq, isUniqueViolation, page, type Exec, type Row, type Statements } from './statements.ts';

export function devices(sql: Statements, exec: Exec): DeviceRepository {
  return {
    create: (d) =>
      exec(() => {
        try {
          sql.get(`INSERT INTO devices (pool_id, sub, device_key, group_key, verifier, salt, name, status, last_ip, created_at, last_modified_at, last_authenticated_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
            .run(d.poolId, d.sub, d.key, d.groupKey, d.verifier, d.salt, d.name, d.status, d.lastIp, d.createdAt, d.lastModifiedAt, d.lastAuthenticatedAt);
        } catch (e) {
          if (isUniqueViolation(e)) throw new StoreConflict(`device ${d.key} exists`);
          throw e;
        }
      }),
    get: (poolId, sub, key) =>
      exec(() => {
        const r = sql.get('SELECT * FROM devices WHERE pool_id = ? AND sub = ? AND device_key = ?').get(poolId, sub, key) as Row | undefined;
        return r && deviceFromRow(r);
      }),
    setStatus: (poolId, sub, key, status, at) =>
      exec(() => sql.get('UPDATE devices SET status = ?, last_modified_at = ? WHERE pool_id = ? AND sub = ? AND device_key = ?').run(status, at, poolId, sub, key).changes > 0),
    touch: (poolId, sub, key, at, ip) =>
      exec(() => {
        sql.get('UPDATE devices SET last_authenticated_at = ?, last_ip = COALESCE(?, last_ip) WHERE pool_id = ? AND sub = ? AND device_key = ?').run(at, ip, poolId, sub, key);
      }),
    delete: (poolId, sub, key) => exec(() => sql.get('DELETE FROM devices WHERE pool_id = ? AND sub = ? AND device_key = ?').run(poolId, sub, key).changes > 0),
    list: (poolId, sub, p) =>
      exec(() => page(sql.get('SELECT * FROM devices WHERE pool_id = ? AND sub = ? AND seq > ? ORDER BY seq LIMIT ?').all(poolId, sub, afterSeq(p), p.limit + 1) as Row[], p.limit, deviceFromRow)),
    listAll: (p) => exec(() => page(sql.get('SELECT * FROM devices WHERE seq > ? ORDER BY seq LIMIT ?').all(afterSeq(p), p.limit + 1) as Row[], p.limit, deviceFromRow)),
    reseal: (poolId, sub, key, sealed, resealed) =>
      exec(() => sql.get('UPDATE devices SET verifier = ? WHERE pool_id = ? AND sub = ? AND device_key = ? AND verifier = ?').run(resealed, poolId, sub, key, sealed).changes > 0),
  };
}
