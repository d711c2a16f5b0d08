import type { AuthSessionRepository } from '../repositories/auth-sessions.ts';
import { sessionFromRow } from '../shared/rows.ts';
import type { Exec, Row, Statements } from './statements.ts';

export function authSessions(sql: Statements, exec: Exec): AuthSessionRepository {
  return {
    put: (s) =>
      exec(() => {
        sql.get('INSERT INTO auth_sessions (hash, pool_id, client_id, sub, challenge, state, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
          .run(s.hash, s.poolId, s.clientId, s.sub, s.challenge, JSON.stringify(s.state), s.createdAt, s.expiresAt);
      }),
    // DELETE ... RETURNING: of two requests presenting the same session, one gets it.
    take: (hash, now) =>
      exec(() => {
        const r = sql.get('DELETE FROM auth_sessions WHERE hash = ? RETURNING *').get(hash) as Row | undefined;
        return r && (r.expires_at as number) > now ? sessionFromRow(r) : undefined;
      }),
    get: (hash, now) =>
      exec(() => {
        const r = sql.get('SELECT * FROM auth_sessions WHERE hash = ?').get(hash) as Row | undefined;
        return r && (r.expires_at as number) > now ? sessionFromRow(r) : undefined;
      }),
    purgeExpired: (before) => exec(() => Number(sql.get('DELETE FROM auth_sessions WHERE expires_at < ?').run(before).changes)),
  };
}
