import type { ListTagsForResourceRequest, ListTagsForResourceResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { Wire } from '../../domain/wire.ts';
import { requirePoolByArn } from '../../services/directory/pool-arn.ts';
import { operation } from '../operation.ts';

/** The pool's tags: the same map DescribeUserPool answers as UserPoolTags. */
export default operation<ListTagsForResourceRequest, Wire<ListTagsForResourceResponse>, 'store' | 'config'>(
  'ListTagsForResource',
  async ({ store, config }, input) => {
    const pool = await requirePoolByArn(store, input.ResourceArn!, config.accountId);
    return { Tags: { ...pool.config.UserPoolTags } };
  },
);
