import type { SigningKeyRepository } from '../repositories/signing-keys.ts';
import { signingKeyFromRow } from '../shared/rows.ts';
import type { Exec, Row, Statements } from './statements.ts';

export function signingKeys(sql: Statements, exec: Exec): SigningKeyRepository {
  return {
    add: (k) =>
      exec(() => {
        sql.get('INSERT INTO signing_keys (pool_id, kid, public_jwk, private_key_enc, created_at, retired_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(k.poolId, k.kid, JSON.stringify(k.publicJwk), k.privateKeyEnc, k.createdAt, k.retiredAt);
      }),
    list: (poolId) => exec(() => (sql.get('SELECT * FROM signing_keys WHERE pool_id = ? ORDER BY created_at DESC, kid').all(poolId) as Row[]).map(signingKeyFromRow)),
    retire: (poolId, kid, at) =>
      exec(() => {
        sql.get('UPDATE signing_keys SET retired_at = ? WHERE pool_id = ? AND kid = ? AND retired_at IS NULL').run(at, poolId, kid);
      }),
    reseal: (poolId, kid, privateKeyEnc) =>
      exec(() => {
        sql.get('UPDATE signing_keys SET private_key_enc = ? WHERE pool_id = ? AND kid = ?').run(privateKeyEnc, poolId, kid);
      }),
    purgeRetired: (poolId, before) => exec(() => Number(sql.get('DELETE FROM signing_keys WHERE pool_id = ? AND retired_at < ?').run(poolId, before).changes)),
  };
}
