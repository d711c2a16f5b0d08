import type { GetLogDeliveryConfigurationRequest, GetLogDeliveryConfigurationResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { Wire } from '../../domain/wire.ts';
import { poolOperation } from '../operation.ts';

/** The pool's log export configuration; a pool that exports nothing answers an empty list. */
export default poolOperation<GetLogDeliveryConfigurationRequest, Wire<GetLogDeliveryConfigurationResponse>, never>(
  'GetLogDeliveryConfiguration',
  async (_deps, _input, ctx) => ({ LogDeliveryConfiguration: { UserPoolId: ctx.pool.id, LogConfigurations: ctx.pool.config.LogDelivery ?? [] } }),
);
