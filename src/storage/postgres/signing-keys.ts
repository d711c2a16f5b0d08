import type { SigningKeyRepository } from '../repositories/signing-keys.ts';
import { signingKeyFromRow } from '../shared/rows.ts';
import type { Db } from './db.ts';

export function signingKeys(db: Db): SigningKeyRepository {
  return {
    add: async (k) => {
      await db.run('INSERT INTO signing_keys (pool_id, kid, public_jwk, private_key_enc, created_at, retired_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [k.poolId, k.kid, JSON.stringify(k.publicJwk), k.privateKeyEnc, k.createdAt, k.retiredAt]);
    },
    list: async (poolId) => (await db.rows('SELECT * FROM signing_keys WHERE pool_id = $1 ORDER BY created_at DESC, kid', [poolId])).map(signingKeyFromRow),
    retire: async (poolId, kid, at) => {
      await db.run('UPDATE signing_keys SET retired_at = $1 WHERE pool_id = $2 AND kid = $3 AND retired_at IS NULL', [at, poolId, kid]);
    },
    reseal: async (poolId, kid, privateKeyEnc) => {
      await db.run('UPDATE signing_keys SET private_key_enc = $1 WHERE pool_id = $2 AND kid = $3', [privateKeyEnc, poolId, kid]);
    },
    purgeRetired: (poolId, before) => db.run('DELETE FROM signing_keys WHERE pool_id = $1 AND retired_at < $2', [poolId, before]),
  };
}

/** Records the origins of the refresh tokens a data-modifying CTE `r` revoked: one statement, so never half done. */
