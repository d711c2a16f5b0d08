import type { DescribeUserPoolRequest, DescribeUserPoolResponse } from '@aws-sdk/client-cognito-identity-provider';
import { describePool } from '../../domain/pool.ts';
import { compact, type Wire } from '../../domain/wire.ts';
import { poolOperation } from '../operation.ts';

export default poolOperation<DescribeUserPoolRequest, Wire<DescribeUserPoolResponse>, 'config' | 'store'>(
  'DescribeUserPool',
  async ({ config, store }, input, ctx) => {
    const { pool } = ctx;
    // A count over the pool's entries of the users_by_pool index (scripts/user-count-cost.ts measures it);
    // AWS calls the number an estimate, so it is read outside any transaction.
    const users = await store.users.count(pool.id);
    const domains = await store.poolDomains.forPool(pool.id);
    return {
      UserPool: compact({
        ...describePool(pool, config.accountId, users),
        Domain: domains.find((d) => d.kind === 'prefix')?.domain,
        CustomDomain: domains.find((d) => d.kind === 'custom')?.domain,
      }),
    };
  },
);
