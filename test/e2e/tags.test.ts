/**
 * A user pool's tags through the AWS SDK for JavaScript v3: TagResource, UntagResource and
 * ListTagsForResource on the pool's ARN, and UserPoolTags in CreateUserPool, UpdateUserPool and
 * DescribeUserPool, which all read and write the one map. AWS's rules
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/tagging.html): at most 50 tags,
 * keys of 1-128 characters and values of 0-256, letters, digits, spaces and `_ . : / = + - @`, the
 * `aws:` prefix reserved. The ARN is arn:aws:cognito-idp:<region>:<account>:userpool/<pool id>
 * (https://docs.aws.amazon.com/cli/latest/reference/cognito-idp/tag-resource.html).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { rejectsWith, startTestbed, type Testbed } from '../support/testbed.ts';

describe('user pool tags', () => {
  let tb: Testbed;
  before(async () => {
    tb = await startTestbed();
  });
  after(() => tb.close());

  const create = async (tags?: Record<string, string>) =>
    (await tb.cognito.send(new CreateUserPoolCommand({ PoolName: 'tagged', UserPoolTags: tags }))).UserPool!;
  const list = async (arn: string) => (await tb.cognito.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags;

  it('tags, lists and untags a pool by its ARN; DescribeUserPool answers the same map', async () => {
    const pool = await create({ team: 'identity' });
    assert.equal(pool.Arn, `arn:aws:cognito-idp:us-east-1:000000000000:userpool/${pool.Id}`);
    assert.deepEqual(await list(pool.Arn!), { team: 'identity' });
    await tb.cognito.send(new TagResourceCommand({ ResourceArn: pool.Arn, Tags: { env: 'test', team: 'platform', empty: '' } }));
    assert.deepEqual(await list(pool.Arn!), { team: 'platform', env: 'test', empty: '' });
    await tb.cognito.send(new UntagResourceCommand({ ResourceArn: pool.Arn, TagKeys: ['env', 'not-there'] }));
    assert.deepEqual(await list(pool.Arn!), { team: 'platform', empty: '' });
    const described = (await tb.cognito.send(new DescribeUserPoolCommand({ UserPoolId: pool.Id }))).UserPool!;
    assert.deepEqual(described.UserPoolTags, { team: 'platform', empty: '' });
    // Tagging is not a change of the pool's settings.
    assert.equal(described.LastModifiedDate!.getTime(), pool.LastModifiedDate!.getTime());
  });

  // Terraform's provider sends the pool's tags with every UpdateUserPool (UserPoolTags: getTagsIn(ctx) in
  // resourceUserPoolUpdate, hashicorp/terraform-provider-aws internal/service/cognitoidp/user_pool.go).
  it('UpdateUserPool replaces the tags with those it is given, as it does every settable member', async () => {
    const pool = await create({ a: '1', b: '2' });
    await tb.cognito.send(new UpdateUserPoolCommand({ UserPoolId: pool.Id, UserPoolTags: { c: '3' } }));
    assert.deepEqual(await list(pool.Arn!), { c: '3' });
    await tb.cognito.send(new UpdateUserPoolCommand({ UserPoolId: pool.Id }));
    assert.deepEqual(await list(pool.Arn!), {});
  });

  it('holds at most 50 tags, counting those the pool has', async () => {
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, `v${i}`]));
    const pool = await create(fifty);
    assert.equal(Object.keys((await list(pool.Arn!))!).length, 50);
    // A key it holds takes its new value: still 50.
    await tb.cognito.send(new TagResourceCommand({ ResourceArn: pool.Arn, Tags: { k0: 'new' } }));
    await rejectsWith(tb.cognito.send(new TagResourceCommand({ ResourceArn: pool.Arn, Tags: { k50: 'v' } })), 'InvalidParameterException', 'A user pool can have at most 50 tags.');
    await rejectsWith(create({ ...fifty, k50: 'v' }), 'InvalidParameterException', 'A user pool can have at most 50 tags.');
    assert.equal((await list(pool.Arn!))!.k0, 'new');
  });

  it('refuses the reserved aws: prefix in any case, and characters tags may not hold', async () => {
    const pool = await create();
    for (const key of ['aws:created', 'AWS:x', 'Aws:y']) {
      await rejectsWith(tb.cognito.send(new TagResourceCommand({ ResourceArn: pool.Arn, Tags: { [key]: 'v' } })), 'InvalidParameterException', /the prefix aws: is reserved/);
    }
    await rejectsWith(tb.cognito.send(new TagResourceCommand({ ResourceArn: pool.Arn, Tags: { 'a<b': 'v' } })), 'InvalidParameterException', /may contain only/);
    await rejectsWith(tb.cognito.send(new TagResourceCommand({ ResourceArn: pool.Arn, Tags: { k: 'semi;colon' } })), 'InvalidParameterException', /may contain only/);
    await rejectsWith(tb.cognito.send(new UpdateUserPoolCommand({ UserPoolId: pool.Id, UserPoolTags: { 'aws:x': '1' } })), 'InvalidParameterException', /reserved/);
    // Unicode letters, spaces and the allowed symbols pass.
    await tb.cognito.send(new TagResourceCommand({ ResourceArn: pool.Arn, Tags: { 'équipe name_.:/=+-@': 'Zürich 1' } }));
    assert.deepEqual(await list(pool.Arn!), { 'équipe name_.:/=+-@': 'Zürich 1' });
  });

  it('answers ResourceNotFoundException for a pool that does not exist or is not this account\'s or region\'s', async () => {
    const pool = await create({ k: 'v' });
    const missing = 'arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_nothere00';
    await rejectsWith(tb.cognito.send(new ListTagsForResourceCommand({ ResourceArn: missing })), 'ResourceNotFoundException', 'User pool us-east-1_nothere00 does not exist.');
    const otherAccount = pool.Arn!.replace(':000000000000:', ':123456789012:');
    await rejectsWith(tb.cognito.send(new TagResourceCommand({ ResourceArn: otherAccount, Tags: { a: 'b' } })), 'ResourceNotFoundException');
    const otherRegion = pool.Arn!.replace(':us-east-1:000', ':eu-west-1:000');
    await rejectsWith(tb.cognito.send(new UntagResourceCommand({ ResourceArn: otherRegion, TagKeys: ['k'] })), 'ResourceNotFoundException');
    assert.deepEqual(await list(pool.Arn!), { k: 'v' });
  });

  it('refuses an ARN that is not a user pool\'s (InvalidParameterException), and one outside the model\'s pattern', async () => {
    await rejectsWith(
      tb.cognito.send(new ListTagsForResourceCommand({ ResourceArn: 'arn:aws:cognito-identity:us-east-1:000000000000:identitypool/us-east-1:abc' })),
      'InvalidParameterException', /is not the ARN of a user pool/,
    );
    await rejectsWith(tb.cognito.send(new ListTagsForResourceCommand({ ResourceArn: 'not-an-arn-at-all-really' })), 'InvalidParameterException', /resourceArn/);
  });
});
