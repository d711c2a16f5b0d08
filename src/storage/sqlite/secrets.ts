import type { SecretRepository } from '../repositories/secrets.ts';
import { buf, type Exec, type Row, type Statements } from './statements.ts';

export function secrets(sql: Statements, exec: Exec): SecretRepository {
  return {
    list: (purpose) =>
      exec(() =>
        (sql.get('SELECT * FROM server_secrets WHERE purpose = ? ORDER BY created_at DESC, id DESC').all(purpose) as Row[]).map((r) => ({
          id: r.id as string,
          secret: buf(r.secret),
          createdAt: r.created_at as number,
        })),
      ),
    addIfAbsent: (purpose, s) =>
      exec(() => {
        sql.get('INSERT INTO server_secrets (purpose, id, secret, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING').run(purpose, s.id, s.secret, s.createdAt);
      }),
  };
}
