import type { ListTermsRequest } from '@aws-sdk/client-cognito-identity-provider';
import { summarizeTerms } from '../../domain/terms.ts';
import { compact } from '../../domain/wire.ts';
import { listPage } from '../../services/directory/paging.ts';
import { poolOperation } from '../operation.ts';

/** The pool's terms of every app client, in the order they were made, MaxResults (the model's 1-60; 60 when left out) a page. */
export default poolOperation<ListTermsRequest, object, 'store'>(
  'ListTerms',
  async ({ store }, input, ctx) => {
    const page = await listPage({ limit: input.MaxResults ?? 60, after: input.NextToken }, (p) => store.terms.list(ctx.pool.id, p));
    return compact({ Terms: page.items.map(summarizeTerms), NextToken: page.next });
  },
);
