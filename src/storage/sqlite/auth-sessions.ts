import type { AuthSessionRecord, AuthSessionRepository } from '../types.ts';
import type { Exec, Row, Statements } from './statements.ts';

function fromRow(r: Row): AuthSessionRecord {
  return {
    hash: r.hash as string,
    poolId: r.pool_id as string,
    clientId: r.client_id as string,
    sub: r.sub as string,
    challenge: r.challenge as string,
    state: JSON.parse(r.state as string),
    createdAt: r.created_at as number,
    expiresAt: r.expires_at as number,
  };
}

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
        return r && (r.expires_at as number) > now ? fromRow(r) : undefined;
      }),
    purgeExpired: (before) => exec(() => Number(sql.get('DELETE FROM auth_sessions WHERE expires_at < ?').run(before).changes)),
  };
}
