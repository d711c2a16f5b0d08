import type { IdentityProviderRecord } from '../../domain/identity-provider.ts';
import { StoreConflict } from '../repositories/conflicts.ts';
import { IdentifierConflict, type IdentityProviderRepository } from '../repositories/identity-providers.ts';
import { identityProviderFromRow } from '../shared/rows.ts';
import { afterSeq, isUniqueViolation, page, type Exec, type Row, type Statements } from './statements.ts';

const json = (p: IdentityProviderRecord) => [JSON.stringify(p.details), JSON.stringify(p.attributeMapping), JSON.stringify(p.identifiers)] as const;

export function identityProviders(sql: Statements, exec: Exec): IdentityProviderRepository {
  /** The provider row and its identifiers' rows hold together: the caller's transaction, or a savepoint of our own. */
  function atomically<T>(work: () => T): T {
    sql.get('SAVEPOINT idp_write').run();
    try {
      const out = work();
      sql.get('RELEASE idp_write').run();
      return out;
    } catch (e) {
      sql.get('ROLLBACK TO idp_write').run();
      sql.get('RELEASE idp_write').run();
      throw e;
    }
  }

  function writeIdentifiers(p: IdentityProviderRecord): void {
    sql.get('DELETE FROM identity_provider_identifiers WHERE pool_id = ? AND provider_name = ?').run(p.poolId, p.name);
    for (const id of p.identifiers) {
      try {
        sql.get('INSERT INTO identity_provider_identifiers (pool_id, identifier, provider_name) VALUES (?, ?, ?)').run(p.poolId, id, p.name);
      } catch (e) {
        if (isUniqueViolation(e)) throw new IdentifierConflict(id);
        throw e;
      }
    }
  }

  return {
    create: (p) =>
      exec(() =>
        atomically(() => {
          try {
            sql.get(`INSERT INTO identity_providers (pool_id, name, type, details, attribute_mapping, identifiers, created_at, last_modified_at)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(p.poolId, p.name, p.type, ...json(p), p.createdAt, p.lastModifiedAt);
          } catch (e) {
            if (isUniqueViolation(e)) throw new StoreConflict(`identity provider ${p.name} exists`);
            throw e;
          }
          writeIdentifiers(p);
        }),
      ),
    get: (poolId, name) =>
      exec(() => {
        const r = sql.get('SELECT * FROM identity_providers WHERE pool_id = ? AND name = ?').get(poolId, name) as Row | undefined;
        return r && identityProviderFromRow(r);
      }),
    getByIdentifier: (poolId, identifier) =>
      exec(() => {
        const r = sql.get(`SELECT p.* FROM identity_provider_identifiers i JOIN identity_providers p ON p.pool_id = i.pool_id AND p.name = i.provider_name
                           WHERE i.pool_id = ? AND i.identifier = ?`).get(poolId, identifier) as Row | undefined;
        return r && identityProviderFromRow(r);
      }),
    update: (p) =>
      exec(() =>
        atomically(() => {
          const changed = sql.get('UPDATE identity_providers SET details = ?, attribute_mapping = ?, identifiers = ?, last_modified_at = ? WHERE pool_id = ? AND name = ?')
            .run(...json(p), p.lastModifiedAt, p.poolId, p.name).changes > 0;
          if (changed) writeIdentifiers(p);
          return changed;
        }),
      ),
    delete: (poolId, name) => exec(() => sql.get('DELETE FROM identity_providers WHERE pool_id = ? AND name = ?').run(poolId, name).changes > 0),
    list: (poolId, p) =>
      exec(() => page(sql.get('SELECT * FROM identity_providers WHERE pool_id = ? AND seq > ? ORDER BY seq LIMIT ?').all(poolId, afterSeq(p), p.limit + 1) as Row[], p.limit, identityProviderFromRow)),
    count: (poolId) => exec(() => (sql.get('SELECT COUNT(*) AS n FROM identity_providers WHERE pool_id = ?').get(poolId) as Row).n as number),
    listAll: (p) =>
      exec(() => page(sql.get('SELECT * FROM identity_providers WHERE seq > ? ORDER BY seq LIMIT ?').all(afterSeq(p), p.limit + 1) as Row[], p.limit, identityProviderFromRow)),
    reseal: (poolId, name, expected, details) =>
      exec(
        () =>
          sql.get('UPDATE identity_providers SET details = ? WHERE pool_id = ? AND name = ? AND details = ?')
            .run(JSON.stringify(details), poolId, name, JSON.stringify(expected)).changes > 0,
      ),
  };
}
