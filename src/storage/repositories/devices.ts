import type { DeviceRecord, DeviceRememberedStatus } from '../../domain/device.ts';
import type { Page, PageRequest } from './paging.ts';

/** A user's confirmed devices; they go with the user (and the pool). */
export interface DeviceRepository {
  /** Fails with StoreConflict when the user already has a device with that key. */
  create(device: DeviceRecord): Promise<void>;
  get(poolId: string, sub: string, key: string): Promise<DeviceRecord | undefined>;
  /** Sets the remembered status; false when there is no such device. */
  setStatus(poolId: string, sub: string, key: string, status: DeviceRememberedStatus, at: number): Promise<boolean>;
  /** Records a sign-in the device took part in (and the address it came from). */
  touch(poolId: string, sub: string, key: string, at: number, ip: string | null): Promise<void>;
  delete(poolId: string, sub: string, key: string): Promise<boolean>;
  /** A user's devices, oldest first. */
  list(poolId: string, sub: string, page: PageRequest): Promise<Page<DeviceRecord>>;
  /** Every device of every pool, oldest first (for `cognate reseal`). */
  listAll(page: PageRequest): Promise<Page<DeviceRecord>>;
  /**
   * Stores the same verifier sealed anew (under another master key), if the device still holds
   * `sealed`; false otherwise (forgotten meanwhile), so that a concurrent write wins.
   */
  reseal(poolId: string, sub: string, key: string, sealed: string, resealed: string): Promise<boolean>;
}
