import type { AuthSessionRepository } from '../repositories/auth-sessions.ts';
import { sessionFromRow } from '../shared/rows.ts';
import type { Db } from './db.ts';

export function authSessions(db: Db): AuthSessionRepository {
  return {
    put: async (s) => {
      await db.run('INSERT INTO auth_sessions (hash, pool_id, client_id, sub, challenge, state, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [s.hash, s.poolId, s.clientId, s.sub, s.challenge, JSON.stringify(s.state), s.createdAt, s.expiresAt]);
    },
    // DELETE ... RETURNING: of two requests presenting the same session, on any instances, one gets it.
    take: async (hash, now) => {
      const r = await db.one('DELETE FROM auth_sessions WHERE hash = $1 RETURNING *', [hash]);
      return r && (r.expires_at as number) > now ? sessionFromRow(r) : undefined;
    },
    get: async (hash, now) => {
      const r = await db.one('SELECT * FROM auth_sessions WHERE hash = $1', [hash]);
      return r && (r.expires_at as number) > now ? sessionFromRow(r) : undefined;
    },
    purgeExpired: (before) => db.run('DELETE FROM auth_sessions WHERE expires_at < $1', [before]),
  };
}
