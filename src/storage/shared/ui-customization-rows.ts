import type { ImageType, UICustomizationRecord } from '../../domain/ui-customization.ts';
import { buf, type Row } from './rows.ts';

/** The columns of a customization but its image, which only the image route reads. */
export const UI_COLUMNS = 'pool_id, target, css, image_type, version, created_at, last_modified_at';

export function uiCustomizationFromRow(r: Row): UICustomizationRecord {
  return {
    poolId: r.pool_id as string,
    clientId: r.target as string,
    css: (r.css as string | null) ?? null,
    imageType: (r.image_type as ImageType | null) ?? null,
    version: r.version as string,
    createdAt: Number(r.created_at),
    lastModifiedAt: Number(r.last_modified_at),
  };
}

export function uiImageFromRow(r: Row | undefined): { bytes: Buffer; type: ImageType; version: string } | undefined {
  if (!r || r.image === null || r.image === undefined || !r.image_type) return undefined;
  return { bytes: buf(r.image), type: r.image_type as ImageType, version: r.version as string };
}
