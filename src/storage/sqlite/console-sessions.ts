import type { ConsoleSessionRepository } from '../repositories/console-sessions.ts';
import { consoleSessionFromRow } from '../shared/rows.ts';
import type { Exec, Row, Statements } from './statements.ts';

export function consoleSessions(sql: Statements, exec: Exec): ConsoleSessionRepository {
  return {
    put: (s) =>
      exec(() => {
        sql.get('INSERT INTO console_sessions (hash, access_key_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(s.hash, s.accessKeyId, s.createdAt, s.expiresAt);
      }),
    get: (hash, now) =>
      exec(() => {
        const r = sql.get('SELECT * FROM console_sessions WHERE hash = ? AND expires_at > ?').get(hash, now) as Row | undefined;
        return r && consoleSessionFromRow(r);
      }),
    extend: (hash, expiresAt) =>
      exec(() => {
        sql.get('UPDATE console_sessions SET expires_at = ?2 WHERE hash = ?1 AND expires_at < ?2').run(hash, expiresAt);
      }),
    delete: (hash) =>
      exec(() => {
        sql.get('DELETE FROM console_sessions WHERE hash = ?').run(hash);
      }),
    deleteForKey: (accessKeyId) => exec(() => Number(sql.get('DELETE FROM console_sessions WHERE access_key_id = ?').run(accessKeyId).changes)),
    purgeExpired: (before) => exec(() => Number(sql.get('DELETE FROM console_sessions WHERE expires_at < ?').run(before).changes)),
  };
}
