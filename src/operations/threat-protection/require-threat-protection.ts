import type { PoolRecord } from '../../domain/pool.ts';
import { threatMode } from '../../domain/risk.ts';
import { userPoolAddOnNotEnabled } from '../../errors/index.ts';

/** The operations of this feature answer only in a pool with threat protection on (AUDIT or ENFORCED, or the PLUS plan). */
export function requireThreatProtection(pool: PoolRecord): void {
  if (threatMode(pool.config) === 'OFF') throw userPoolAddOnNotEnabled();
}
