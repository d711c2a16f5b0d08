import { ALL_CLIENTS } from '../../domain/ui-customization.ts';
import type { UICustomizationRepository } from '../repositories/ui-customizations.ts';
import { UI_COLUMNS, uiCustomizationFromRow, uiImageFromRow } from '../shared/ui-customization-rows.ts';
import type { Exec, Row, Statements } from './statements.ts';

export function uiCustomizations(sql: Statements, exec: Exec): UICustomizationRepository {
  return {
    put: (r, image) =>
      exec(() => {
        sql.get(`INSERT INTO ui_customizations (pool_id, target, client_id, css, image, image_type, version, created_at, last_modified_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                 ON CONFLICT (pool_id, target) DO UPDATE SET css = excluded.css, image = excluded.image, image_type = excluded.image_type,
                   version = excluded.version, created_at = excluded.created_at, last_modified_at = excluded.last_modified_at`)
          .run(r.poolId, r.clientId, r.clientId === ALL_CLIENTS ? null : r.clientId, r.css, image, r.imageType, r.version, r.createdAt, r.lastModifiedAt);
      }),
    get: (poolId, clientId) =>
      exec(() => {
        const r = sql.get(`SELECT ${UI_COLUMNS} FROM ui_customizations WHERE pool_id = ? AND target = ?`).get(poolId, clientId) as Row | undefined;
        return r && uiCustomizationFromRow(r);
      }),
    forClient: (poolId, clientId) =>
      exec(() => {
        const r = sql.get(`SELECT ${UI_COLUMNS} FROM ui_customizations WHERE pool_id = ? AND target IN (?, '${ALL_CLIENTS}') ORDER BY target = '${ALL_CLIENTS}' LIMIT 1`)
          .get(poolId, clientId) as Row | undefined;
        return r && uiCustomizationFromRow(r);
      }),
    image: (poolId, clientId) =>
      exec(() => uiImageFromRow(sql.get('SELECT image, image_type, version FROM ui_customizations WHERE pool_id = ? AND target = ?').get(poolId, clientId) as Row | undefined)),
    delete: (poolId, clientId) => exec(() => sql.get('DELETE FROM ui_customizations WHERE pool_id = ? AND target = ?').run(poolId, clientId).changes > 0),
  };
}
