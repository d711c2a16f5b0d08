import type { ConsoleSessionRepository } from '../repositories/console-sessions.ts';
import { consoleSessionFromRow } from '../shared/rows.ts';
import type { Db } from './db.ts';

export function consoleSessions(db: Db): ConsoleSessionRepository {
  return {
    put: async (s) => {
      await db.run('INSERT INTO console_sessions (hash, access_key_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [s.hash, s.accessKeyId, s.createdAt, s.expiresAt]);
    },
    get: async (hash, now) => {
      const r = await db.one('SELECT * FROM console_sessions WHERE hash = $1 AND expires_at > $2', [hash, now]);
      return r && consoleSessionFromRow(r);
    },
    extend: async (hash, expiresAt) => {
      await db.run('UPDATE console_sessions SET expires_at = $2 WHERE hash = $1 AND expires_at < $2', [hash, expiresAt]);
    },
    delete: async (hash) => {
      await db.run('DELETE FROM console_sessions WHERE hash = $1', [hash]);
    },
    deleteForKey: (accessKeyId) => db.run('DELETE FROM console_sessions WHERE access_key_id = $1', [accessKeyId]),
    purgeExpired: (before) => db.run('DELETE FROM console_sessions WHERE expires_at < $1', [before]),
  };
}
