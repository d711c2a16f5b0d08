import type { BrandingAsset, BrandingRecord } from '../../domain/managed-login-branding.ts';
import type { TermsRecord } from '../../domain/terms.ts';
import type { Row } from './rows.ts';

/** A style's row: UseCognitoProvidedValues is 0/1 in SQLite and a boolean in PostgreSQL. */
export function brandingFromRow(r: Row): BrandingRecord {
  return {
    id: r.id as string,
    poolId: r.pool_id as string,
    clientId: r.client_id as string,
    useCognitoProvidedValues: Boolean(r.use_cognito_provided_values),
    settings: (r.settings as string | null) ?? null,
    assets: JSON.parse(r.assets as string) as BrandingAsset[],
    createdAt: Number(r.created_at),
    lastModifiedAt: Number(r.last_modified_at),
  };
}

export function termsFromRow(r: Row): TermsRecord {
  return {
    id: r.id as string,
    poolId: r.pool_id as string,
    clientId: r.client_id as string,
    name: r.name as string,
    source: r.source as string,
    enforcement: r.enforcement as string,
    links: JSON.parse(r.links as string) as Record<string, string>,
    createdAt: Number(r.created_at),
    lastModifiedAt: Number(r.last_modified_at),
  };
}
