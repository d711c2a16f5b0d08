import type { ImageType, UICustomizationRecord } from '../../domain/ui-customization.ts';

/** A pool's UI customizations, one per app client and one for ALL; they go with their pool, and a client's with its client. */
export interface UICustomizationRepository {
  /** Creates or replaces the customization of the record's pool and client (or ALL), with its image (null when it has none). */
  put(r: UICustomizationRecord, image: Buffer | null): Promise<void>;
  get(poolId: string, clientId: string): Promise<UICustomizationRecord | undefined>;
  /** What a client's pages show: its own customization, else the pool's (ALL). */
  forClient(poolId: string, clientId: string): Promise<UICustomizationRecord | undefined>;
  image(poolId: string, clientId: string): Promise<{ bytes: Buffer; type: ImageType; version: string } | undefined>;
  delete(poolId: string, clientId: string): Promise<boolean>;
}
