import type { DescribeUserPoolRequest, DescribeUserPoolResponse } from '@aws-sdk/client-cognito-identity-provider';
import { describePool } from '../../domain/pool.ts';
import type { Wire } from '../../domain/wire.ts';
import { requirePool } from '../../services/directory/pools.ts';
import { operation } from '../operation.ts';

export default operation<DescribeUserPoolRequest, Wire<DescribeUserPoolResponse>, 'store' | 'config'>(
  'DescribeUserPool',
  async ({ store, config }, input) => {
    const pool = await requirePool(store, input.UserPoolId!);
    // Users come with the user model; until then a pool holds none.
    return { UserPool: describePool(pool, config.accountId, 0) };
  },
);
