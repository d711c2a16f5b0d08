import type { DescribeRiskConfigurationRequest, DescribeRiskConfigurationResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { Wire } from '../../domain/wire.ts';
import { requireClient } from '../../services/directory/clients.ts';
import { poolOperation } from '../operation.ts';
import { describeRisk } from './describe-risk.ts';
import { requireThreatProtection } from './require-threat-protection.ts';

/**
 * The configuration that applies: the app client's when it has one, else the pool's (shown
 * without ClientId, as the pool's is: "the risk configuration applies to all user pool app clients
 * that don't have client-level settings", RiskConfigurationType); none set: only the UserPoolId.
 */
export default poolOperation<DescribeRiskConfigurationRequest, Wire<DescribeRiskConfigurationResponse>, 'store' | 'threat'>(
  'DescribeRiskConfiguration',
  async ({ store, threat }, input, ctx) => {
    requireThreatProtection(ctx.pool);
    if (input.ClientId) await requireClient(store, ctx.pool.id, input.ClientId);
    const config = await threat.configuration(ctx.pool, input.ClientId ?? null);
    return { RiskConfiguration: config ? describeRisk(config) : { UserPoolId: ctx.pool.id } };
  },
);
