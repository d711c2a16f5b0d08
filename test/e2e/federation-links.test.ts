/** AdminLinkProviderForUser's and AdminDisableProviderForUser's refusals, through the SDK. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AdminDisableProviderForUserCommand, AdminLinkProviderForUserCommand, CreateIdentityProviderCommand, type ProviderUserIdentifierType } from '@aws-sdk/client-cognito-identity-provider';
import { identitiesOf } from '../../src/domain/identities.ts';
import type { PoolRecord } from '../../src/domain/pool.ts';
import { createPool, createTestUser, rejectsWith, startTestbed, type Testbed } from '../support/testbed.ts';

describe('linking provider users to native users', () => {
  let tb: Testbed;
  let pool: PoolRecord;
  const oidc = { client_id: 'c', client_secret: 's', attributes_request_method: 'GET', oidc_issuer: 'https://idp.example.com', authorize_scopes: 'openid' };
  const link = (p: PoolRecord, destination: Partial<ProviderUserIdentifierType>, source: Partial<ProviderUserIdentifierType>) =>
    tb.cognito.send(new AdminLinkProviderForUserCommand({
      UserPoolId: p.id,
      DestinationUser: { ProviderName: 'Cognito', ProviderAttributeValue: 'dora', ...destination },
      SourceUser: { ProviderName: 'Corp', ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: 'x1', ...source },
    }));

  before(async () => {
    tb = await startTestbed();
    pool = await createPool(tb, { Schema: [{ Name: 'badge', AttributeDataType: 'String', Mutable: false }] });
    for (const name of ['Corp', 'Prov2', 'Prov3', 'Prov4', 'Prov5', 'Prov6']) {
      await tb.cognito.send(new CreateIdentityProviderCommand({ UserPoolId: pool.id, ProviderName: name, ProviderType: 'OIDC', ProviderDetails: oidc }));
    }
    await tb.cognito.send(new CreateIdentityProviderCommand({ UserPoolId: pool.id, ProviderName: 'Google', ProviderType: 'Google', ProviderDetails: { client_id: 'g', client_secret: 's', authorize_scopes: 'openid' } }));
    await createTestUser(tb, pool, { username: 'dora', password: 'Passw0rd!' });
    await createTestUser(tb, pool, { username: 'eve', password: 'Passw0rd!' });
  });
  after(() => tb?.close());

  it('refuses a destination that is not a Cognito user, a Cognito source, and an unknown provider', async () => {
    await rejectsWith(link(pool, { ProviderName: 'Corp' }, {}), 'InvalidParameterException', 'DestinationUser ProviderName must be Cognito.');
    await rejectsWith(link(pool, {}, { ProviderName: 'Cognito' }), 'InvalidParameterException', /must be a user of an external identity provider/);
    await rejectsWith(link(pool, {}, { ProviderName: 'Nobody' }), 'ResourceNotFoundException', 'Identity provider Nobody does not exist.');
    await rejectsWith(link(pool, { ProviderAttributeValue: 'nobody' }, {}), 'UserNotFoundException', 'User does not exist.');
  });

  it('links a social provider only on Cognito_Subject', async () => {
    await rejectsWith(link(pool, {}, { ProviderName: 'Google', ProviderAttributeName: 'email' }), 'InvalidParameterException', 'ProviderAttributeName must be Cognito_Subject for a provider of type Google.');
  });

  it('links once per provider, to one user, and at most five providers', async () => {
    await link(pool, {}, {});
    await link(pool, {}, {}); // the same link again changes nothing
    await rejectsWith(link(pool, {}, { ProviderAttributeValue: 'x2' }), 'InvalidParameterException', 'DestinationUser is already linked to a user of provider Corp.');
    await rejectsWith(link(pool, { ProviderAttributeValue: 'eve' }, {}), 'AliasExistsException', 'The SourceUser is already linked to another user.');
    for (const name of ['Prov2', 'Prov3', 'Prov4', 'Prov5']) await link(pool, {}, { ProviderName: name });
    await rejectsWith(link(pool, {}, { ProviderName: 'Prov6' }), 'LimitExceededException', 'A user can be linked to at most 5 identity providers.');
    const dora = (await tb.app.store.users.getByUsername(pool.id, 'dora'))!;
    assert.deepEqual(identitiesOf(dora.attributes).map((i) => [i.providerName, i.userId, i.primary]), [['Corp', 'x1', false], ['Prov2', 'x1', false], ['Prov3', 'x1', false], ['Prov4', 'x1', false], ['Prov5', 'x1', false]]);
  });

  it('refuses a destination holding an immutable attribute (AWS: all its attributes must be mutable)', async () => {
    await createTestUser(tb, pool, { username: 'fay', password: 'Passw0rd!', attributes: { 'custom:badge': 'gold' } });
    await rejectsWith(link(pool, { ProviderAttributeValue: 'fay' }, { ProviderName: 'Prov6' }), 'InvalidParameterException', /immutable attribute custom:badge/);
  });

  it('keeps each pool\'s links to itself: another pool\'s user is not found, nor its link', async () => {
    const other = await createPool(tb);
    await tb.cognito.send(new CreateIdentityProviderCommand({ UserPoolId: other.id, ProviderName: 'Corp', ProviderType: 'OIDC', ProviderDetails: oidc }));
    await rejectsWith(link(other, {}, {}), 'UserNotFoundException');
    await rejectsWith(tb.cognito.send(new AdminDisableProviderForUserCommand({ UserPoolId: other.id, User: { ProviderName: 'Corp', ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: 'x1' } })), 'UserNotFoundException');
  });

  it('AdminDisableProviderForUser: a native user is not disabled this way; an unknown link is not found', async () => {
    await rejectsWith(tb.cognito.send(new AdminDisableProviderForUserCommand({ UserPoolId: pool.id, User: { ProviderName: 'Cognito', ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: 'dora' } })), 'UnsupportedOperationException');
    await rejectsWith(tb.cognito.send(new AdminDisableProviderForUserCommand({ UserPoolId: pool.id, User: { ProviderName: 'Corp', ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: 'nobody' } })), 'UserNotFoundException');
    await tb.cognito.send(new AdminDisableProviderForUserCommand({ UserPoolId: pool.id, User: { ProviderName: 'Prov2', ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: 'x1' } }));
    const dora = (await tb.app.store.users.getByUsername(pool.id, 'dora'))!;
    assert.equal(dora.enabled, true, 'removing a link leaves the native user as it was');
    assert.deepEqual(identitiesOf(dora.attributes).map((i) => i.providerName), ['Corp', 'Prov3', 'Prov4', 'Prov5']);
  });
});
