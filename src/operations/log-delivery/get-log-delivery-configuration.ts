import type { GetLogDeliveryConfigurationRequest, GetLogDeliveryConfigurationResponse } from '@aws-sdk/client-cognito-identity-provider';
import { describeLogDelivery } from '../../domain/log-delivery.ts';
import type { Wire } from '../../domain/wire.ts';
import { poolOperation } from '../operation.ts';

/**
 * The pool's log export configuration. A pool that exports nothing answers its id alone, without
 * LogConfigurations: Terraform's provider takes a nil LogConfigurations as the configuration
 * destroyed (testAccCheckLogDeliveryConfigurationDestroy in hashicorp/terraform-provider-aws,
 * internal/service/cognitoidp/log_delivery_configuration_test.go).
 */
export default poolOperation<GetLogDeliveryConfigurationRequest, Wire<GetLogDeliveryConfigurationResponse>, never>(
  'GetLogDeliveryConfiguration',
  async (_deps, _input, ctx) => ({ LogDeliveryConfiguration: describeLogDelivery(ctx.pool.id, ctx.pool.config.LogDelivery ?? []) }),
);
