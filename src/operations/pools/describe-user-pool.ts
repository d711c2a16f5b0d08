import type { DescribeUserPoolRequest, DescribeUserPoolResponse } from '@aws-sdk/client-cognito-identity-provider';
import { describePool } from '../../domain/pool.ts';
import type { Wire } from '../../domain/wire.ts';
import { poolOperation } from '../operation.ts';

export default poolOperation<DescribeUserPoolRequest, Wire<DescribeUserPoolResponse>, 'config'>(
  'DescribeUserPool',
  async ({ config }, input, ctx) => {
    const { pool } = ctx;
    // Users come with the user model; until then a pool holds none.
    return { UserPool: describePool(pool, config.accountId, 0) };
  },
);
