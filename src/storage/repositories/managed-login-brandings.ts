import type { BrandingRecord } from '../../domain/managed-login-branding.ts';

/** Managed login branding styles, one per app client; they go with their client and their pool. */
export interface ManagedLoginBrandingRepository {
  /** Fails with StoreConflict when the client has a style (or the id is taken). */
  create(r: BrandingRecord): Promise<void>;
  get(poolId: string, id: string): Promise<BrandingRecord | undefined>;
  forClient(poolId: string, clientId: string): Promise<BrandingRecord | undefined>;
  /** Settings, assets, UseCognitoProvidedValues and the modification time. */
  update(r: BrandingRecord): Promise<boolean>;
  delete(poolId: string, id: string): Promise<boolean>;
}
