import type { DescribeUserPoolClientRequest, DescribeUserPoolClientResponse } from '@aws-sdk/client-cognito-identity-provider';
import { describeClient } from '../../domain/client.ts';
import type { Wire } from '../../domain/wire.ts';
import { requireClient } from '../../services/directory/clients.ts';
import { poolOperation } from '../operation.ts';

export default poolOperation<DescribeUserPoolClientRequest, Wire<DescribeUserPoolClientResponse>, 'store'>(
  'DescribeUserPoolClient',
  async ({ store }, input, ctx) => {
    return { UserPoolClient: describeClient(await requireClient(store, ctx.pool.id, input.ClientId!)) };
  },
);
