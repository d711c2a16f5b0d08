import type { TokenRepository } from '../repositories/tokens.ts';
import { refreshFromRow } from '../shared/rows.ts';
import type { Db } from './db.ts';

const REVOKE_ORIGINS = 'INSERT INTO revoked_origins (origin_jti, expires_at) SELECT origin_jti, expires_at FROM r ON CONFLICT DO NOTHING';

export function tokens(db: Db): TokenRepository {
  return {
    putRefresh: async (t) => {
      await db.run('INSERT INTO refresh_tokens (hash, pool_id, client_id, sub, origin_jti, auth_time, created_at, expires_at, revoked_at, device_key, scopes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)',
        [t.hash, t.poolId, t.clientId, t.sub, t.originJti, t.authTime, t.createdAt, t.expiresAt, t.revokedAt, t.deviceKey ?? null, t.scopes ? t.scopes.join(' ') : null]);
    },
    getRefresh: async (hash) => {
      const r = await db.one(`SELECT * FROM refresh_tokens WHERE hash = $1${db.lock}`, [hash]);
      return r && refreshFromRow(r);
    },
    revokeRefresh: async (hash, at) => {
      await db.run(`WITH r AS (UPDATE refresh_tokens SET revoked_at = COALESCE(revoked_at, $1) WHERE hash = $2 RETURNING origin_jti, expires_at) ${REVOKE_ORIGINS}`, [at, hash]);
    },
    revokeAllForUser: async (poolId, sub, at) => {
      await db.run(`WITH r AS (UPDATE refresh_tokens SET revoked_at = $3 WHERE pool_id = $1 AND sub = $2 AND revoked_at IS NULL RETURNING origin_jti, expires_at) ${REVOKE_ORIGINS}`,
        [poolId, sub, at]);
    },
    revokeForDevice: async (poolId, sub, deviceKey, at) => {
      await db.run('UPDATE refresh_tokens SET revoked_at = $4 WHERE pool_id = $1 AND sub = $2 AND device_key = $3 AND (revoked_at IS NULL OR revoked_at > $4)', [poolId, sub, deviceKey, at]);
    },
    revokeOrigin: async (originJti, expiresAt) => {
      await db.run('INSERT INTO revoked_origins (origin_jti, expires_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [originJti, expiresAt]);
    },
    purgeExpired: async (before) => {
      const r = await db.one(`WITH a AS (DELETE FROM refresh_tokens WHERE expires_at < $1 RETURNING 1), b AS (DELETE FROM revoked_origins WHERE expires_at < $1 RETURNING 1)
                              SELECT (SELECT count(*) FROM a) + (SELECT count(*) FROM b) AS n`, [before]);
      return r!.n as number;
    },
    isOriginRevoked: async (originJti) => (await db.one('SELECT 1 AS x FROM revoked_origins WHERE origin_jti = $1', [originJti])) !== undefined,
  };
}
