import type { IdentityProviderRecord } from '../../domain/identity-provider.ts';
import { StoreConflict } from '../repositories/conflicts.ts';
import { IdentifierConflict, type IdentityProviderRepository } from '../repositories/identity-providers.ts';
import { afterSeq, identityProviderFromRow, page } from '../shared/rows.ts';
import type { Db } from './db.ts';

const json = (p: IdentityProviderRecord) => [JSON.stringify(p.details), JSON.stringify(p.attributeMapping), JSON.stringify(p.identifiers)];

/** The identifiers' rows, replaced; an identifier another provider holds is IdentifierConflict (and the caller's unit is rolled back). */
async function writeIdentifiers(db: Db, p: IdentityProviderRecord): Promise<void> {
  await db.run('DELETE FROM identity_provider_identifiers WHERE pool_id = $1 AND provider_name = $2', [p.poolId, p.name]);
  for (const id of p.identifiers) {
    const n = await db.run('INSERT INTO identity_provider_identifiers (pool_id, identifier, provider_name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [p.poolId, id, p.name]);
    if (n === 0) throw new IdentifierConflict(id);
  }
}

export function identityProviders(db: Db): IdentityProviderRepository {
  return {
    create: (p) =>
      db.atomic(async (a) => {
        const n = await a.run(`INSERT INTO identity_providers (pool_id, name, type, details, attribute_mapping, identifiers, created_at, last_modified_at)
                               VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`, [p.poolId, p.name, p.type, ...json(p), p.createdAt, p.lastModifiedAt]);
        if (n === 0) throw new StoreConflict(`identity provider ${p.name} exists`);
        await writeIdentifiers(a, p);
      }),
    get: async (poolId, name) => {
      const r = await db.one(`SELECT * FROM identity_providers WHERE pool_id = $1 AND name = $2${db.lock}`, [poolId, name]);
      return r && identityProviderFromRow(r);
    },
    getByIdentifier: async (poolId, identifier) => {
      const r = await db.one(`SELECT p.* FROM identity_provider_identifiers i JOIN identity_providers p ON p.pool_id = i.pool_id AND p.name = i.provider_name
                              WHERE i.pool_id = $1 AND i.identifier = $2`, [poolId, identifier]);
      return r && identityProviderFromRow(r);
    },
    update: (p) =>
      db.atomic(async (a) => {
        const n = await a.run('UPDATE identity_providers SET details = $1, attribute_mapping = $2, identifiers = $3, last_modified_at = $4 WHERE pool_id = $5 AND name = $6',
          [...json(p), p.lastModifiedAt, p.poolId, p.name]);
        if (n > 0) await writeIdentifiers(a, p);
        return n > 0;
      }),
    delete: async (poolId, name) => (await db.run('DELETE FROM identity_providers WHERE pool_id = $1 AND name = $2', [poolId, name])) > 0,
    list: async (poolId, p) =>
      page(await db.rows('SELECT * FROM identity_providers WHERE pool_id = $1 AND seq > $2 ORDER BY seq LIMIT $3', [poolId, afterSeq(p), p.limit + 1]), p.limit, identityProviderFromRow),
    count: async (poolId) => Number((await db.one('SELECT COUNT(*) AS n FROM identity_providers WHERE pool_id = $1', [poolId]))!.n),
    listAll: async (p) => page(await db.rows('SELECT * FROM identity_providers WHERE seq > $1 ORDER BY seq LIMIT $2', [afterSeq(p), p.limit + 1]), p.limit, identityProviderFromRow),
    reseal: async (poolId, name, expected, details) =>
      (await db.run('UPDATE identity_providers SET details = $1 WHERE pool_id = $2 AND name = $3 AND details = $4', [JSON.stringify(details), poolId, name, JSON.stringify(expected)])) > 0,
  };
}
