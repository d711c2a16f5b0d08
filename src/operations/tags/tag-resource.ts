import type { TagResourceRequest } from '@aws-sdk/client-cognito-identity-provider';
import { withTags } from '../../domain/tags.ts';
import { requirePoolByArn } from '../../services/directory/pool-arn.ts';
import { operation } from '../operation.ts';

/** Adds tags to a pool (a key it holds takes the new value); the pool's settings and LastModifiedDate are not changed. */
export default operation<TagResourceRequest, object, 'store' | 'config'>('TagResource', async ({ store, config }, input) => {
  await store.transaction(async (tx) => {
    const pool = await requirePoolByArn(tx, input.ResourceArn!, config.accountId);
    const UserPoolTags = withTags(pool.config.UserPoolTags, input.Tags ?? {});
    await tx.pools.update({ ...pool, config: { ...pool.config, UserPoolTags } });
  });
  return {};
});
