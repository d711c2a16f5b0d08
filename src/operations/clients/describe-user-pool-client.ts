import type { DescribeUserPoolClientRequest, DescribeUserPoolClientResponse } from '@aws-sdk/client-cognito-identity-provider';
import { describeClient } from '../../domain/client.ts';
import type { Wire } from '../../domain/wire.ts';
import { requireClient, requirePool } from '../../services/directory/pools.ts';
import { operation } from '../operation.ts';

export default operation<DescribeUserPoolClientRequest, Wire<DescribeUserPoolClientResponse>, 'store'>(
  'DescribeUserPoolClient',
  async ({ store }, input) => {
    await requirePool(store, input.UserPoolId!);
    return { UserPoolClient: describeClient(await requireClient(store, input.UserPoolId!, input.ClientId!)) };
  },
);
