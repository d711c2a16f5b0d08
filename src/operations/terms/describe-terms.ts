import type { DescribeTermsRequest } from '@aws-sdk/client-cognito-identity-provider';
import { describeTerms } from '../../domain/terms.ts';
import { termsNotFound } from '../../errors/index.ts';
import { poolOperation } from '../operation.ts';

export default poolOperation<DescribeTermsRequest, object, 'store'>(
  'DescribeTerms',
  async ({ store }, input, ctx) => {
    const found = await store.terms.get(ctx.pool.id, input.TermsId!);
    if (!found) throw termsNotFound();
    return { Terms: describeTerms(found) };
  },
);
