import { StoreConflict } from '../repositories/conflicts.ts';
import type { ManagedLoginBrandingRepository } from '../repositories/managed-login-brandings.ts';
import type { TermsRepository } from '../repositories/terms.ts';
import { brandingFromRow, termsFromRow } from '../shared/managed-login-rows.ts';
import { afterSeq, isUniqueViolation, page, type Exec, type Row, type Statements } from './statements.ts';

export function managedLoginBrandings(sql: Statements, exec: Exec): ManagedLoginBrandingRepository {
  return {
    create: (r) =>
      exec(() => {
        try {
          sql.get(`INSERT INTO managed_login_brandings (id, pool_id, client_id, use_cognito_provided_values, settings, assets, created_at, last_modified_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
            .run(r.id, r.poolId, r.clientId, r.useCognitoProvidedValues ? 1 : 0, r.settings, JSON.stringify(r.assets), r.createdAt, r.lastModifiedAt);
        } catch (e) {
          if (isUniqueViolation(e)) throw new StoreConflict(`app client ${r.clientId} has a branding style`);
          throw e;
        }
      }),
    get: (poolId, id) =>
      exec(() => {
        const r = sql.get('SELECT * FROM managed_login_brandings WHERE pool_id = ? AND id = ?').get(poolId, id) as Row | undefined;
        return r && brandingFromRow(r);
      }),
    forClient: (poolId, clientId) =>
      exec(() => {
        const r = sql.get('SELECT * FROM managed_login_brandings WHERE pool_id = ? AND client_id = ?').get(poolId, clientId) as Row | undefined;
        return r && brandingFromRow(r);
      }),
    update: (r) =>
      exec(
        () =>
          sql.get('UPDATE managed_login_brandings SET use_cognito_provided_values = ?, settings = ?, assets = ?, last_modified_at = ? WHERE pool_id = ? AND id = ?')
            .run(r.useCognitoProvidedValues ? 1 : 0, r.settings, JSON.stringify(r.assets), r.lastModifiedAt, r.poolId, r.id).changes > 0,
      ),
    delete: (poolId, id) => exec(() => sql.get('DELETE FROM managed_login_brandings WHERE pool_id = ? AND id = ?').run(poolId, id).changes > 0),
  };
}

export function terms(sql: Statements, exec: Exec): TermsRepository {
  const conflict = (e: unknown, r: { clientId: string; name: string }) => {
    if (isUniqueViolation(e)) return new StoreConflict(`app client ${r.clientId} has terms ${r.name}`);
    return e;
  };
  return {
    create: (r) =>
      exec(() => {
        try {
          sql.get(`INSERT INTO terms (id, pool_id, client_id, name, source, enforcement, links, created_at, last_modified_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
            .run(r.id, r.poolId, r.clientId, r.name, r.source, r.enforcement, JSON.stringify(r.links), r.createdAt, r.lastModifiedAt);
        } catch (e) {
          throw conflict(e, r);
        }
      }),
    get: (poolId, id) =>
      exec(() => {
        const r = sql.get('SELECT * FROM terms WHERE pool_id = ? AND id = ?').get(poolId, id) as Row | undefined;
        return r && termsFromRow(r);
      }),
    update: (r) =>
      exec(() => {
        try {
          return sql.get('UPDATE terms SET name = ?, source = ?, enforcement = ?, links = ?, last_modified_at = ? WHERE pool_id = ? AND id = ?')
            .run(r.name, r.source, r.enforcement, JSON.stringify(r.links), r.lastModifiedAt, r.poolId, r.id).changes > 0;
        } catch (e) {
          throw conflict(e, r);
        }
      }),
    delete: (poolId, id) => exec(() => sql.get('DELETE FROM terms WHERE pool_id = ? AND id = ?').run(poolId, id).changes > 0),
    list: (poolId, p) =>
      exec(() => page(sql.get('SELECT * FROM terms WHERE pool_id = ? AND seq > ? ORDER BY seq LIMIT ?').all(poolId, afterSeq(p), p.limit + 1) as Row[], p.limit, termsFromRow)),
    forClient: (poolId, clientId) =>
      exec(() => (sql.get('SELECT * FROM terms WHERE pool_id = ? AND client_id = ? ORDER BY seq').all(poolId, clientId) as Row[]).map(termsFromRow)),
  };
}
