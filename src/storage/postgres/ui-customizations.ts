import { ALL_CLIENTS } from '../../domain/ui-customization.ts';
import type { UICustomizationRepository } from '../repositories/ui-customizations.ts';
import { UI_COLUMNS, uiCustomizationFromRow, uiImageFromRow } from '../shared/ui-customization-rows.ts';
import type { Db } from './db.ts';

export function uiCustomizations(db: Db): UICustomizationRepository {
  return {
    put: async (r, image) => {
      await db.run(`INSERT INTO ui_customizations (pool_id, target, client_id, css, image, image_type, version, created_at, last_modified_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                    ON CONFLICT (pool_id, target) DO UPDATE SET css = excluded.css, image = excluded.image, image_type = excluded.image_type,
                      version = excluded.version, created_at = excluded.created_at, last_modified_at = excluded.last_modified_at`,
      [r.poolId, r.clientId, r.clientId === ALL_CLIENTS ? null : r.clientId, r.css, image, r.imageType, r.version, r.createdAt, r.lastModifiedAt]);
    },
    get: async (poolId, clientId) => {
      const r = await db.one(`SELECT ${UI_COLUMNS} FROM ui_customizations WHERE pool_id = $1 AND target = $2${db.lock}`, [poolId, clientId]);
      return r && uiCustomizationFromRow(r);
    },
    forClient: async (poolId, clientId) => {
      const r = await db.one(`SELECT ${UI_COLUMNS} FROM ui_customizations WHERE pool_id = $1 AND target IN ($2, '${ALL_CLIENTS}') ORDER BY target = '${ALL_CLIENTS}' LIMIT 1`, [poolId, clientId]);
      return r && uiCustomizationFromRow(r);
    },
    image: async (poolId, clientId) => uiImageFromRow(await db.one('SELECT image, image_type, version FROM ui_customizations WHERE pool_id = $1 AND target = $2', [poolId, clientId])),
    delete: async (poolId, clientId) => (await db.run('DELETE FROM ui_customizations WHERE pool_id = $1 AND target = $2', [poolId, clientId])) > 0,
  };
}
