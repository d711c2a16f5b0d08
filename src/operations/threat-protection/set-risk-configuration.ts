import type { SetRiskConfigurationRequest, SetRiskConfigurationResponse } from '@aws-sdk/client-cognito-identity-provider';
import { checkRanges, type RiskConfiguration } from '../../domain/risk.ts';
import type { Wire } from '../../domain/wire.ts';
import { requireClient } from '../../services/directory/clients.ts';
import { poolOperation } from '../operation.ts';
import { describeRisk } from './describe-risk.ts';
import { requireThreatProtection } from './require-threat-protection.ts';

/**
 * The pool's risk configuration, or an app client's (which then replaces the pool's for that
 * client). Each call replaces the whole configuration of its pool or client, as AWS's does.
 */
export default poolOperation<SetRiskConfigurationRequest, Wire<SetRiskConfigurationResponse>, 'store' | 'clock'>('SetRiskConfiguration', async ({ store, clock }, input, ctx) => {
  requireThreatProtection(ctx.pool);
  if (input.ClientId) await requireClient(store, ctx.pool.id, input.ClientId);
  checkRanges(input.RiskExceptionConfiguration);
  const config: RiskConfiguration = {
    poolId: ctx.pool.id,
    clientId: input.ClientId ?? null,
    compromisedCredentials: input.CompromisedCredentialsRiskConfiguration,
    accountTakeover: input.AccountTakeoverRiskConfiguration,
    exceptions: input.RiskExceptionConfiguration,
    lastModifiedAt: clock.now(),
  };
  await store.riskConfigurations.put(config);
  return { RiskConfiguration: describeRisk(config) };
});
