import type { UntagResourceRequest } from '@aws-sdk/client-cognito-identity-provider';
import { withoutTags } from '../../domain/tags.ts';
import { requirePoolByArn } from '../../services/directory/pool-arn.ts';
import { operation } from '../operation.ts';

/** Removes tags from a pool by key; a key it does not hold is ignored. */
export default operation<UntagResourceRequest, object, 'store' | 'config'>('UntagResource', async ({ store, config }, input) => {
  await store.transaction(async (tx) => {
    const pool = await requirePoolByArn(tx, input.ResourceArn!, config.accountId);
    const UserPoolTags = withoutTags(pool.config.UserPoolTags, input.TagKeys ?? []);
    await tx.pools.update({ ...pool, config: { ...pool.config, UserPoolTags } });
  });
  return {};
});
