import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { identitiesOf, identityAliases, identityKey, IDENTITY_KIND, withIdentities, withLinkedBy } from './identities.ts';
import type { PoolConfig } from './pool.ts';
import { userKeys, type UserRecord } from './user.ts';

const link = (providerName: string, userId: string) => ({ userId, providerName, providerType: 'OIDC' as const, issuer: null, primary: false, dateCreated: 1 });

describe('identities and identity keys', () => {
  it('reads the identities attribute, ignoring anything that is not a list of identities', () => {
    assert.deepEqual(identitiesOf({}), []);
    assert.deepEqual(identitiesOf({ identities: 'not json' }), []);
    assert.deepEqual(identitiesOf({ identities: '{"userId":"a"}' }), []);
    assert.deepEqual(identitiesOf(withIdentities({}, [link('Corp', 'a')])), [link('Corp', 'a')]);
    assert.deepEqual(withIdentities({ identities: '[]', name: 'x' }, []), { name: 'x' });
  });

  it('keys a link by provider, attribute name and value; a long key is hashed to a bounded length', () => {
    assert.notEqual(identityKey('Corp', 'Cognito_Subject', 'a'), identityKey('Corp2', 'Cognito_Subject', 'a'));
    assert.notEqual(identityKey('Corp', 'email', 'a'), identityKey('Corp', 'Cognito_Subject', 'a'));
    // JSON keeps ["a_b", "c"] and ["a", "b_c"] apart where a separator would not.
    assert.notEqual(identityKey('a_b', 'c', 'd'), identityKey('a', 'b_c', 'd'));
    const long = identityKey('Corp', 'email', 'x'.repeat(3000));
    assert.match(long, /^sha256:[0-9a-f]{64}$/);
  });

  it('derives one key per identity, on the attribute a link was made with', () => {
    const u = { attributes: withIdentities({}, [link('Corp', 'a'), link('Other', 'b@example.com')]), settings: withLinkedBy({}, 'Other', 'email') };
    assert.deepEqual(identityAliases(u), [
      { kind: IDENTITY_KIND, key: identityKey('Corp', 'Cognito_Subject', 'a') },
      { kind: IDENTITY_KIND, key: identityKey('Other', 'email', 'b@example.com') },
    ]);
    assert.deepEqual(withLinkedBy(u.settings, 'Other', undefined), {});
  });

  it('gives a federated user no sign-in alias: its email is not a sign-in name, and may be a native user\'s too', () => {
    const pool = { UsernameAttributes: ['email'] } as PoolConfig;
    const base: UserRecord = {
      poolId: 'p', sub: 's', username: 'Corp_a', status: 'EXTERNAL_PROVIDER', enabled: true, attributes: withIdentities({ email: 'a@example.com' }, [link('Corp', 'a')]),
      pending: {}, password: null, settings: {}, createdAt: 0, lastModifiedAt: 0, version: 1,
    };
    assert.deepEqual(userKeys(pool, base).aliases.map((a) => a.kind), [IDENTITY_KIND]);
    assert.deepEqual(userKeys(pool, { ...base, status: 'CONFIRMED' }).aliases.map((a) => a.kind), ['email', IDENTITY_KIND]);
  });
});
