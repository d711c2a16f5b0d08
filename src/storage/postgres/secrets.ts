import type { SecretRepository } from '../repositories/secrets.ts';
import { buf } from '../shared/rows.ts';
import type { Db } from './db.ts';

export function secrets(db: Db): SecretRepository {
  return {
    list: async (purpose) =>
      (await db.rows('SELECT * FROM server_secrets WHERE purpose = $1 ORDER BY created_at DESC, id DESC', [purpose])).map((r) => ({
        id: r.id as string,
        secret: buf(r.secret),
        createdAt: r.created_at as number,
      })),
    addIfAbsent: async (purpose, s) => {
      await db.run('INSERT INTO server_secrets (purpose, id, secret, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [purpose, s.id, s.secret, s.createdAt]);
    },
  };
}
