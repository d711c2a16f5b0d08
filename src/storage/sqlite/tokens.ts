import type { TokenRepository } from '../repositories/tokens.ts';
import { refreshFromRow } from '../shared/rows.ts';
import type { Exec, Row, Statements } from './statements.ts';

export function tokens(sql: Statements, exec: Exec): TokenRepository {
  return {
    putRefresh: (t) =>
      exec(() => {
        sql.get('INSERT INTO refresh_tokens (hash, pool_id, client_id, sub, origin_jti, auth_time, created_at, expires_at, revoked_at, device_key, scopes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
          .run(t.hash, t.poolId, t.clientId, t.sub, t.originJti, t.authTime, t.createdAt, t.expiresAt, t.revokedAt, t.deviceKey ?? null, t.scopes ? t.scopes.join(' ') : null);
      }),
    getRefresh: (hash) =>
      exec(() => {
        const r = sql.get('SELECT * FROM refresh_tokens WHERE hash = ?').get(hash) as Row | undefined;
        return r && refreshFromRow(r);
      }),
    revokeRefresh: (hash, at) =>
      exec(() => {
        const r = sql.get('UPDATE refresh_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE hash = ? RETURNING origin_jti, expires_at').get(at, hash) as Row | undefined;
        if (r) sql.get('INSERT INTO revoked_origins (origin_jti, expires_at) VALUES (?, ?) ON CONFLICT DO NOTHING').run(r.origin_jti as string, r.expires_at as number);
      }),
    revokeAllForUser: (poolId, sub, at) =>
      exec(() => {
        sql.get(`INSERT INTO revoked_origins (origin_jti, expires_at)
                 SELECT origin_jti, expires_at FROM refresh_tokens WHERE pool_id = ? AND sub = ? AND revoked_at IS NULL
                 ON CONFLICT DO NOTHING`).run(poolId, sub);
        sql.get('UPDATE refresh_tokens SET revoked_at = ? WHERE pool_id = ? AND sub = ? AND revoked_at IS NULL').run(at, poolId, sub);
      }),
    revokeForDevice: (poolId, sub, deviceKey, at) =>
      exec(() => {
        sql.get('UPDATE refresh_tokens SET revoked_at = ? WHERE pool_id = ? AND sub = ? AND device_key = ? AND (revoked_at IS NULL OR revoked_at > ?)').run(at, poolId, sub, deviceKey, at);
      }),
    revokeOrigin: (originJti, expiresAt) =>
      exec(() => {
        sql.get('INSERT INTO revoked_origins (origin_jti, expires_at) VALUES (?, ?) ON CONFLICT DO NOTHING').run(originJti, expiresAt);
      }),
    purgeExpired: (before) =>
      exec(
        () =>
          Number(sql.get('DELETE FROM refresh_tokens WHERE expires_at < ?').run(before).changes) +
          Number(sql.get('DELETE FROM revoked_origins WHERE expires_at < ?').run(before).changes),
      ),
    isOriginRevoked: (originJti) => exec(() => sql.get('SELECT 1 AS x FROM revoked_origins WHERE origin_jti = ?').get(originJti) !== undefined),
  };
}
