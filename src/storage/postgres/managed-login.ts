import { StoreConflict } from '../repositories/conflicts.ts';
import type { ManagedLoginBrandingRepository } from '../repositories/managed-login-brandings.ts';
import type { TermsRepository } from '../repositories/terms.ts';
import { brandingFromRow, termsFromRow } from '../shared/managed-login-rows.ts';
import { afterSeq, page } from '../shared/rows.ts';
import { isUniqueViolation, type Db } from './db.ts';

export function managedLoginBrandings(db: Db): ManagedLoginBrandingRepository {
  return {
    create: async (r) => {
      const n = await db.run(`INSERT INTO managed_login_brandings (id, pool_id, client_id, use_cognito_provided_values, settings, assets, created_at, last_modified_at)
                              VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
      [r.id, r.poolId, r.clientId, r.useCognitoProvidedValues, r.settings, JSON.stringify(r.assets), r.createdAt, r.lastModifiedAt]);
      if (n === 0) throw new StoreConflict(`app client ${r.clientId} has a branding style`);
    },
    get: async (poolId, id) => {
      const r = await db.one(`SELECT * FROM managed_login_brandings WHERE pool_id = $1 AND id = $2${db.lock}`, [poolId, id]);
      return r && brandingFromRow(r);
    },
    forClient: async (poolId, clientId) => {
      const r = await db.one(`SELECT * FROM managed_login_brandings WHERE pool_id = $1 AND client_id = $2${db.lock}`, [poolId, clientId]);
      return r && brandingFromRow(r);
    },
    update: async (r) =>
      (await db.run('UPDATE managed_login_brandings SET use_cognito_provided_values = $1, settings = $2, assets = $3, last_modified_at = $4 WHERE pool_id = $5 AND id = $6',
        [r.useCognitoProvidedValues, r.settings, JSON.stringify(r.assets), r.lastModifiedAt, r.poolId, r.id])) > 0,
    delete: async (poolId, id) => (await db.run('DELETE FROM managed_login_brandings WHERE pool_id = $1 AND id = $2', [poolId, id])) > 0,
  };
}

export function terms(db: Db): TermsRepository {
  return {
    create: async (r) => {
      const n = await db.run(`INSERT INTO terms (id, pool_id, client_id, name, source, enforcement, links, created_at, last_modified_at)
                              VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
      [r.id, r.poolId, r.clientId, r.name, r.source, r.enforcement, JSON.stringify(r.links), r.createdAt, r.lastModifiedAt]);
      if (n === 0) throw new StoreConflict(`app client ${r.clientId} has terms ${r.name}`);
    },
    get: async (poolId, id) => {
      const r = await db.one(`SELECT * FROM terms WHERE pool_id = $1 AND id = $2${db.lock}`, [poolId, id]);
      return r && termsFromRow(r);
    },
    update: async (r) => {
      try {
        return (await db.run('UPDATE terms SET name = $1, source = $2, enforcement = $3, links = $4, last_modified_at = $5 WHERE pool_id = $6 AND id = $7',
          [r.name, r.source, r.enforcement, JSON.stringify(r.links), r.lastModifiedAt, r.poolId, r.id])) > 0;
      } catch (e) {
        // Outside a transaction only: within one, the operation has looked for the other name first.
        if (isUniqueViolation(e)) throw new StoreConflict(`app client ${r.clientId} has terms ${r.name}`);
        throw e;
      }
    },
    delete: async (poolId, id) => (await db.run('DELETE FROM terms WHERE pool_id = $1 AND id = $2', [poolId, id])) > 0,
    list: async (poolId, p) =>
      page(await db.rows('SELECT * FROM terms WHERE pool_id = $1 AND seq > $2 ORDER BY seq LIMIT $3', [poolId, afterSeq(p), p.limit + 1]), p.limit, termsFromRow),
    forClient: async (poolId, clientId) =>
      (await db.rows('SELECT * FROM terms WHERE pool_id = $1 AND client_id = $2 ORDER BY seq', [poolId, clientId])).map(termsFromRow),
  };
}
