import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ClientRecord } from './client.ts';
import { clientSecretId, secretsOf, withSecretAdded, withSecretDeleted } from './client-secrets.ts';

const client: ClientRecord = { poolId: 'us-east-1_A', clientId: 'c1', name: 'c', secret: 'first', createdAt: 5000, lastModifiedAt: 5000, config: {} };

describe('client secrets', () => {
  it('gives a secret added in the same millisecond as the newest a later time, so that ids stay distinct', () => {
    const { client: two, added } = withSecretAdded(client, 'second', 5000);
    assert.equal(added.createdAt, 5001);
    assert.deepEqual(secretsOf(two).map((s) => clientSecretId('c1', s)), ['c1--5000', 'c1--5001']);
  });

  it('keeps `secret` the oldest secret\'s value as secrets are added and deleted', () => {
    const { client: two } = withSecretAdded(client, 'second', 9000);
    assert.equal(two.secret, 'first');
    const rotated = withSecretDeleted(two, 'c1--5000');
    assert.equal(rotated.secret, 'second');
    assert.deepEqual(rotated.secrets, [{ value: 'second', createdAt: 9000 }]);
  });
});
