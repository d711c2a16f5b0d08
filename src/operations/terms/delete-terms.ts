import type { DeleteTermsRequest } from '@aws-sdk/client-cognito-identity-provider';
import { termsNotFound } from '../../errors/index.ts';
import { poolOperation } from '../operation.ts';

export default poolOperation<DeleteTermsRequest, object, 'store'>(
  'DeleteTerms',
  async ({ store }, input, ctx) => {
    if (!(await store.terms.delete(ctx.pool.id, input.TermsId!))) throw termsNotFound();
    return {};
  },
);
