import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attributesAfterSignIn, federatedUsername, mappedAttributes, providerUserId, SAML_NAME_ID } from './federated-attributes.ts';
import type { PoolConfig } from './pool.ts';
import { standardAttributes } from './schema.ts';

const pool: PoolConfig = {
  SchemaAttributes: [
    ...standardAttributes(),
    { Name: 'custom:tier', AttributeDataType: 'String', Mutable: true, StringAttributeConstraints: { MaxLength: '5' } },
    { Name: 'custom:badge', AttributeDataType: 'String', Mutable: false },
  ],
} as PoolConfig;

describe('attribute mapping of a federated sign-in', () => {
  it('takes the user id from the mapping\'s username claim, else sub', () => {
    assert.equal(providerUserId({ attributeMapping: {} }, { sub: 'abc' }), 'abc');
    assert.equal(providerUserId({ attributeMapping: { username: 'oid' } }, { sub: 'abc', oid: 42 }), '42');
    assert.equal(providerUserId({ attributeMapping: {} }, { sub: '' }), undefined);
    assert.equal(providerUserId({ attributeMapping: {} }, {}), undefined);
    // A SAML user's id is its NameID, even where the mapping names a username claim.
    assert.equal(providerUserId({ type: 'SAML', attributeMapping: { username: 'uid' } }, { uid: 'u-1', [SAML_NAME_ID]: 'ann@idp' }), 'ann@idp');
  });

  it('makes <ProviderName>_<id> usernames, refusing ids outside Cognito\'s username pattern or too long', () => {
    assert.equal(federatedUsername('Corp', 'a1-b2@x'), 'Corp_a1-b2@x');
    assert.equal(federatedUsername('Corp', 'has space'), undefined);
    assert.equal(federatedUsername('Corp', 'tab\there'), undefined);
    assert.equal(federatedUsername('Corp', 'x'.repeat(123)), 'Corp_' + 'x'.repeat(123));
    assert.equal(federatedUsername('Corp', 'x'.repeat(124)), undefined, '129 characters');
  });

  it('maps claims onto schema attributes as text, dropping what the schema lacks or refuses', () => {
    const mapped = mappedAttributes(pool, {
      attributeMapping: { email: 'mail', email_verified: 'email_verified', address: 'address', 'custom:tier': 'tier', nickname: 'missing', foo: 'mail', sub: 'mail', identities: 'mail', username: 'sub' },
    }, { mail: 'a@example.com', email_verified: true, address: { country: 'NZ' }, tier: 'platinum', sub: 'abc' });
    assert.deepEqual(mapped, { email: 'a@example.com', email_verified: 'true', address: '{"country":"NZ"}' }, 'custom:tier is longer than its 5 characters; foo is not an attribute; sub and identities are Cognito\'s');
  });

  it('refuses a malformed email or phone number from the provider', () => {
    assert.deepEqual(mappedAttributes(pool, { attributeMapping: { email: 'e', phone_number: 'p' } }, { e: 'not an email', p: '12345' }), {});
  });

  it('unverifies an email whose value changes unless the mapping gives its flag, and leaves an immutable attribute set', () => {
    const current = { email: 'a@example.com', email_verified: 'true', 'custom:badge': 'gold' };
    assert.deepEqual(attributesAfterSignIn(pool, current, { email: 'a@example.com' }), current, 'unchanged: still verified');
    assert.equal(attributesAfterSignIn(pool, current, { email: 'b@example.com' }).email_verified, 'false');
    assert.equal(attributesAfterSignIn(pool, current, { email: 'b@example.com', email_verified: 'true' }).email_verified, 'true');
    assert.equal(attributesAfterSignIn(pool, current, { 'custom:badge': 'tin' })['custom:badge'], 'gold');
    assert.equal(attributesAfterSignIn(pool, {}, { 'custom:badge': 'tin' })['custom:badge'], 'tin', 'set once, on the first sign-in');
  });
});
