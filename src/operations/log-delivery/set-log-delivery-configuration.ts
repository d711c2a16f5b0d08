import type { SetLogDeliveryConfigurationRequest, SetLogDeliveryConfigurationResponse } from '@aws-sdk/client-cognito-identity-provider';
import { checkLogConfigurations, describeLogDelivery, type LogConfiguration } from '../../domain/log-delivery.ts';
import type { Wire } from '../../domain/wire.ts';
import { requirePool } from '../../services/directory/pools.ts';
import { poolOperation } from '../operation.ts';

/** Replaces the pool's log export configuration; an empty LogConfigurations turns export off. */
export default poolOperation<SetLogDeliveryConfigurationRequest, Wire<SetLogDeliveryConfigurationResponse>, 'store'>(
  'SetLogDeliveryConfiguration',
  async ({ store }, input, ctx) => {
    const LogConfigurations = (input.LogConfigurations ?? []) as LogConfiguration[];
    await store.transaction(async (tx) => {
      const pool = await requirePool(tx, ctx.pool.id);
      checkLogConfigurations(LogConfigurations, pool.config);
      await tx.pools.update({ ...pool, config: { ...pool.config, LogDelivery: LogConfigurations.length ? LogConfigurations : undefined } });
    });
    return { LogDeliveryConfiguration: describeLogDelivery(ctx.pool.id, LogConfigurations) };
  },
);
