import type { DescribeResourceServerRequest, DescribeResourceServerResponse } from '@aws-sdk/client-cognito-identity-provider';
import { describeResourceServer } from '../../domain/resource-server.ts';
import type { Wire } from '../../domain/wire.ts';
import { resourceServerNotFound } from '../../errors/index.ts';
import { poolOperation } from '../operation.ts';

export default poolOperation<DescribeResourceServerRequest, Wire<DescribeResourceServerResponse>, 'store'>(
  'DescribeResourceServer',
  async ({ store }, input, ctx) => {
    const r = await store.resourceServers.get(ctx.pool.id, input.Identifier!);
    if (!r) throw resourceServerNotFound(input.Identifier!);
    return { ResourceServer: describeResourceServer(r) };
  },
);
