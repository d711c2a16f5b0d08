import type { PasskeyRepository } from '../repositories/passkeys.ts';
import { PASSKEY_INSERT_COLUMNS, passkeyColumns, passkeyFromRow } from '../shared/passkeys.ts';
import { afterSeq, page, type Exec, type Row, type Statements } from './statements.ts';

export function passkeys(sql: Statements, exec: Exec): PasskeyRepository {
  return {
    // One synchronous unit of work: nothing else runs between the checks and the insert.
    add: (p, max) =>
      exec(() => {
        if (!sql.get('SELECT 1 FROM users WHERE pool_id = ? AND sub = ?').get(p.poolId, p.sub)) return 'no-user';
        if (sql.get('SELECT 1 FROM passkeys WHERE pool_id = ? AND credential_id = ?').get(p.poolId, p.credentialId)) return 'exists';
        const { n } = sql.get('SELECT count(*) AS n FROM passkeys WHERE pool_id = ? AND sub = ?').get(p.poolId, p.sub) as { n: number };
        if (n >= max) return 'limit';
        sql.get(`INSERT INTO passkeys (${PASSKEY_INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(...passkeyColumns(p));
        return 'added';
      }),
    list: (poolId, sub, p) =>
      exec(() => {
        const rows = sql.get('SELECT * FROM passkeys WHERE pool_id = ? AND sub = ? AND seq > ? ORDER BY seq LIMIT ?').all(poolId, sub, afterSeq(p), p.limit + 1) as Row[];
        return page(rows, p.limit, passkeyFromRow);
      }),
    get: (poolId, sub, credentialId) =>
      exec(() => {
        const r = sql.get('SELECT * FROM passkeys WHERE pool_id = ? AND sub = ? AND credential_id = ?').get(poolId, sub, credentialId) as Row | undefined;
        return r && passkeyFromRow(r);
      }),
    advanceCounter: (poolId, sub, credentialId, counter) =>
      exec(() => sql.get('UPDATE passkeys SET counter = ?4 WHERE pool_id = ?1 AND sub = ?2 AND credential_id = ?3 AND (counter < ?4 OR (counter = 0 AND ?4 = 0))')
        .run(poolId, sub, credentialId, counter).changes > 0),
    delete: (poolId, sub, credentialId) =>
      exec(() => sql.get('DELETE FROM passkeys WHERE pool_id = ? AND sub = ? AND credential_id = ?').run(poolId, sub, credentialId).changes > 0),
    listAll: (p) => exec(() => page(sql.get('SELECT * FROM passkeys WHERE seq > ? ORDER BY seq LIMIT ?').all(afterSeq(p), p.limit + 1) as Row[], p.limit, passkeyFromRow)),
    reseal: (poolId, sub, credentialId, sealed, resealed) =>
      exec(() => sql.get('UPDATE passkeys SET public_key = ? WHERE pool_id = ? AND sub = ? AND credential_id = ? AND public_key = ?').run(resealed, poolId, sub, credentialId, sealed).changes > 0),
  };
}
