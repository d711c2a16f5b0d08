import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCognitoError } from '../errors/index.ts';
import { parsePoolArn, withoutTags, withTags } from './tags.ts';

describe('tags', () => {
  it('keeps a key named __proto__ as a tag, never as the object\'s prototype', () => {
    const added = JSON.parse('{"__proto__": "v", "k": "w"}') as Record<string, string>;
    const tags = withTags({ a: '1' }, added);
    assert.deepEqual(Object.keys(tags).sort(), ['__proto__', 'a', 'k']);
    assert.equal(Object.getPrototypeOf(tags), Object.prototype);
    assert.deepEqual(JSON.parse(JSON.stringify(tags)), { a: '1', ['__proto__']: 'v', k: 'w' });
    assert.deepEqual(Object.keys(withoutTags(tags, ['__proto__'])).sort(), ['a', 'k']);
  });

  it('parses a pool ARN of any partition, and refuses any other resource', () => {
    assert.deepEqual(parsePoolArn('arn:aws-cn:cognito-idp:cn-north-1:123456789012:userpool/cn-north-1_Ab1'), { region: 'cn-north-1', accountId: '123456789012', poolId: 'cn-north-1_Ab1' });
    for (const arn of ['arn:aws:cognito-idp:us-east-1:1:userpool/', 'arn:aws:cognito-idp:us-east-1:1:userpool/x/y', 'arn:aws:s3:::bucket', 'arn:aws:cognito-idp:us-east-1:1:userpool/us-east-1_A:extra']) {
      assert.throws(() => parsePoolArn(arn), (e) => isCognitoError(e) && e.type === 'InvalidParameterException', arn);
    }
  });
});
