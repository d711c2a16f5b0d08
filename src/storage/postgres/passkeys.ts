import type { PasskeyRepository } from '../repositories/passkeys.ts';
import { afterSeq, page } from '../shared/rows.ts';
import { PASSKEY_INSERT_COLUMNS, passkeyColumns, passkeyFromRow } from '../shared/passkeys.ts';
import type { Db } from './db.ts';

export function passkeys(db: Db): PasskeyRepository {
  return {
    // The user's row, locked for the transaction, serialises concurrent additions on every
    // instance, so that the count checked is the count inserted against.
    add: (p, max) =>
      db.atomic(async (tx) => {
        if (!(await tx.one('SELECT 1 FROM users WHERE pool_id = $1 AND sub = $2 FOR UPDATE', [p.poolId, p.sub]))) return 'no-user';
        if (await tx.one('SELECT 1 FROM passkeys WHERE pool_id = $1 AND credential_id = $2', [p.poolId, p.credentialId])) return 'exists';
        const { n } = (await tx.one('SELECT count(*)::int AS n FROM passkeys WHERE pool_id = $1 AND sub = $2', [p.poolId, p.sub]))!;
        if ((n as number) >= max) return 'limit';
        // A credential id registered meanwhile for another user of the pool: the unique key says so.
        const inserted = await tx.run(`INSERT INTO passkeys (${PASSKEY_INSERT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (pool_id, credential_id) DO NOTHING`, passkeyColumns(p));
        return inserted ? 'added' : 'exists';
      }),
    list: async (poolId, sub, p) =>
      page(await db.rows('SELECT * FROM passkeys WHERE pool_id = $1 AND sub = $2 AND seq > $3 ORDER BY seq LIMIT $4', [poolId, sub, afterSeq(p), p.limit + 1]), p.limit, passkeyFromRow),
    get: async (poolId, sub, credentialId) => {
      const r = await db.one('SELECT * FROM passkeys WHERE pool_id = $1 AND sub = $2 AND credential_id = $3', [poolId, sub, credentialId]);
      return r && passkeyFromRow(r);
    },
    advanceCounter: async (poolId, sub, credentialId, counter) =>
      (await db.run('UPDATE passkeys SET counter = $4 WHERE pool_id = $1 AND sub = $2 AND credential_id = $3 AND (counter < $4 OR (counter = 0 AND $4 = 0))',
        [poolId, sub, credentialId, counter])) > 0,
    delete: async (poolId, sub, credentialId) => (await db.run('DELETE FROM passkeys WHERE pool_id = $1 AND sub = $2 AND credential_id = $3', [poolId, sub, credentialId])) > 0,
    listAll: async (p) => page(await db.rows('SELECT * FROM passkeys WHERE seq > $1 ORDER BY seq LIMIT $2', [afterSeq(p), p.limit + 1]), p.limit, passkeyFromRow),
    reseal: async (poolId, sub, credentialId, sealed, resealed) =>
      (await db.run('UPDATE passkeys SET public_key = $1 WHERE pool_id = $2 AND sub = $3 AND credential_id = $4 AND public_key = $5', [resealed, poolId, sub, credentialId, sealed])) > 0,
  };
}
