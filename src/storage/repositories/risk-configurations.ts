import type { RiskConfiguration } from '../../domain/risk.ts';

/** SetRiskConfiguration's settings: one pool-wide (clientId null) and one per app client; they go with the pool. */
export interface RiskConfigurationRepository {
  /** Replaces the configuration of its pool and client. */
  put(config: RiskConfiguration): Promise<void>;
  get(poolId: string, clientId: string | null): Promise<RiskConfiguration | undefined>;
}
