import type { RiskConfigurationType } from '@aws-sdk/client-cognito-identity-provider';
import type { RiskConfiguration } from '../../domain/risk.ts';
import { compact, type Wire } from '../../domain/wire.ts';

/** A risk configuration as the API shows it: no ClientId for the pool's own. */
export function describeRisk(c: RiskConfiguration): Wire<RiskConfigurationType> {
  return compact({
    UserPoolId: c.poolId,
    ClientId: c.clientId ?? undefined,
    CompromisedCredentialsRiskConfiguration: c.compromisedCredentials,
    AccountTakeoverRiskConfiguration: c.accountTakeover,
    RiskExceptionConfiguration: c.exceptions,
    LastModifiedDate: c.lastModifiedAt / 1000,
  });
}
