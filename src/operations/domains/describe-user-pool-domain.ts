import type { DescribeUserPoolDomainRequest, DescribeUserPoolDomainResponse } from '@aws-sdk/client-cognito-identity-provider';
import { describeDomain } from '../../domain/pool-domain.ts';
import { poolRegion } from '../../domain/pool.ts';
import type { Wire } from '../../domain/wire.ts';
import { operation } from '../operation.ts';

/**
 * Any domain by name. A name no pool holds is not an error: AWS answers an empty DomainDescription,
 * which is how tools (Terraform, CDK) tell a free name.
 */
export default operation<DescribeUserPoolDomainRequest, Wire<DescribeUserPoolDomainResponse>, 'store' | 'config'>(
  'DescribeUserPoolDomain',
  async ({ store, config }, input) => {
    const d = await store.poolDomains.get(input.Domain!);
    return { DomainDescription: d ? describeDomain(d, config.accountId, poolRegion(d.poolId)) : {} };
  },
);
