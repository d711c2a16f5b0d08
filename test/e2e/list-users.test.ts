/**
 * ListUsers through the AWS SDK for JavaScript v3: every filter operator on several attributes,
 * the status filters, pagination with and without a filter, AttributesToGet, and AWS's errors.
 * Users are written through the store of an in-process app (its search index does the filtering).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateUserPoolCommand, ListUsersCommand, type CognitoIdentityProviderClient, type ListUsersCommandInput, type UserType } from '@aws-sdk/client-cognito-identity-provider';
import { createApp, type App } from '../../src/app/app.ts';
import { loadConfig } from '../../src/app/config/load.ts';
import { userKeys } from '../../src/domain/user.ts';
import type { PoolRecord } from '../../src/domain/pool.ts';
import type { UserRecord } from '../../src/domain/user.ts';
import { sdkClient } from './harness.ts';

describe('ListUsers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cognate-list-users-'));
  let app: App;
  let cognito: CognitoIdentityProviderClient;
  let pool: PoolRecord;
  let created = Date.UTC(2026, 0, 1);

  async function addUser(username: string, attributes: Record<string, string> = {}, over: Partial<UserRecord> = {}): Promise<UserRecord> {
    const sub = randomUUID();
    created += 1000;
    const user: UserRecord = {
      poolId: pool.id, sub, username, status: 'CONFIRMED', enabled: true,
      attributes: { sub, ...attributes }, pending: {}, password: null, settings: {},
      createdAt: created, lastModifiedAt: created, version: 1, ...over,
    };
    await app.store.users.create(user, userKeys(pool.config, user));
    return user;
  }

  const list = async (input: Omit<ListUsersCommandInput, 'UserPoolId'> = {}) => cognito.send(new ListUsersCommand({ UserPoolId: pool.id, ...input }));
  const names = async (Filter: string) => (await list({ Filter })).Users!.map((u) => u.Username);
  /** Every page of a listing, following PaginationToken. */
  async function all(input: Omit<ListUsersCommandInput, 'UserPoolId'>): Promise<{ users: UserType[]; pages: number }> {
    const users: UserType[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await list({ ...input, PaginationToken: token });
      users.push(...page.Users!);
      token = page.PaginationToken;
      pages++;
    } while (token);
    return { users, pages };
  }

  before(async () => {
    app = await createApp(loadConfig(['--db', join(dir, 'db.sqlite'), '--port', '0', '--log-level', 'silent'], {}));
    cognito = sdkClient(await app.listen());
    const poolId = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'people', Schema: [{ Name: 'team', AttributeDataType: 'String' }] }))).UserPool!.Id!;
    pool = (await app.store.pools.get(poolId))!;
    await addUser('alice', { email: 'alice@example.com', email_verified: 'true', given_name: 'Alice', family_name: 'Smith', name: 'Alice Smith', phone_number: '+15555550101', 'custom:team': 'blue' });
    await addUser('albert', { email: 'albert@example.org', given_name: 'Albert', family_name: 'Smithson', name: 'Albert Smithson', preferred_username: 'al', 'custom:team': 'red' });
    await addUser('bob', { email: 'bob@example.com', given_name: 'Bob', family_name: 'O"Brien', phone_number: '+15555550202' }, { status: 'UNCONFIRMED' });
    await addUser('carol', { email: 'carol@example.net', given_name: 'Carol', family_name: 'Smith', preferred_username: 'caz' }, { enabled: false, status: 'FORCE_CHANGE_PASSWORD' });
    await addUser('Alina', { email: 'alina@example.com', given_name: 'Alina' }, { status: 'RESET_REQUIRED' });
  });
  after(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists every user in creation order, as UserType, without a filter or with an empty one', async () => {
    const { Users, PaginationToken } = await list();
    assert.equal(PaginationToken, undefined);
    assert.deepEqual(Users!.map((u) => u.Username), ['alice', 'albert', 'bob', 'carol', 'Alina']);
    const alice = Users![0];
    assert.equal(alice.Enabled, true);
    assert.equal(alice.UserStatus, 'CONFIRMED');
    assert.ok(alice.UserCreateDate instanceof Date);
    assert.equal(alice.UserCreateDate!.getTime(), Date.UTC(2026, 0, 1) + 1000);
    assert.ok(alice.UserLastModifiedDate instanceof Date);
    const attrs = Object.fromEntries(alice.Attributes!.map((a) => [a.Name, a.Value]));
    assert.equal(attrs.email, 'alice@example.com');
    assert.equal(attrs['custom:team'], 'blue');
    assert.match(attrs.sub!, /^[0-9a-f-]{36}$/);
    assert.equal(Users![3].Enabled, false);
    assert.deepEqual((await list({ Filter: '' })).Users!.map((u) => u.Username), Users!.map((u) => u.Username));
  });

  it('matches exactly with =, on each searchable attribute', async () => {
    assert.deepEqual(await names('username = "bob"'), ['bob']);
    assert.deepEqual(await names('username = "Bob"'), [], 'usernames are case-sensitive');
    assert.deepEqual(await names('email = "alice@example.com"'), ['alice']);
    assert.deepEqual(await names('email="alice@example"'), [], 'exact means exact');
    assert.deepEqual(await names('phone_number = "+15555550202"'), ['bob']);
    assert.deepEqual(await names('name = "Albert Smithson"'), ['albert']);
    assert.deepEqual(await names('given_name = "Carol"'), ['carol']);
    assert.deepEqual(await names('family_name = "Smith"'), ['alice', 'carol']);
    assert.deepEqual(await names('family_name = "O\\"Brien"'), ['bob']);
    assert.deepEqual(await names('preferred_username = "caz"'), ['carol']);
    const alina = (await list({ Filter: 'username = "Alina"' })).Users![0];
    const sub = alina.Attributes!.find((a) => a.Name === 'sub')!.Value!;
    assert.deepEqual(await names(`sub = "${sub}"`), ['Alina']);
  });

  it('matches a prefix with ^=, ordered by the matched value', async () => {
    assert.deepEqual(await names('email ^= "al"'), ['albert', 'alice', 'Alina']);
    assert.deepEqual(await names('username ^= "al"'), ['albert', 'alice']);
    assert.deepEqual(await names('given_name^="Al"'), ['albert', 'alice', 'Alina']);
    assert.deepEqual(await names('given_name ^= "al"'), [], 'only cognito:user_status is matched without regard to case');
    assert.deepEqual(await names('family_name ^= "Smith"'), ['alice', 'carol', 'albert']);
    assert.deepEqual(await names('phone_number ^= "+1555555"'), ['alice', 'bob']);
    assert.deepEqual(await names('email ^= "zed"'), []);
    assert.deepEqual(await names('email ^= ""'), ['albert', 'alice', 'Alina', 'bob', 'carol'], 'an empty prefix matches everyone who has the attribute');
  });

  it('filters on cognito:user_status (case-insensitive) and on status, Enabled or Disabled (case-sensitive)', async () => {
    assert.deepEqual(await names('cognito:user_status = "CONFIRMED"'), ['alice', 'albert']);
    assert.deepEqual(await names('cognito:user_status = "unconfirmed"'), ['bob']);
    assert.deepEqual(await names('cognito:user_status ^= "FORCE"'), ['carol']);
    assert.deepEqual(await names('cognito:user_status = "RESET_REQUIRED"'), ['Alina']);
    assert.deepEqual(await names('status = "Disabled"'), ['carol']);
    assert.deepEqual(await names('status = "Enabled"'), ['alice', 'albert', 'bob', 'Alina']);
    assert.deepEqual(await names('status = "enabled"'), []);
    assert.deepEqual(await names('status ^= "Dis"'), ['carol']);
  });

  it('follows changes to a user: the index is rewritten with every update', async () => {
    const carol = (await app.store.users.getByUsername(pool.id, 'carol'))!;
    const changed = { ...carol, enabled: true, attributes: { ...carol.attributes, email: 'caroline@example.net' } };
    assert.equal(await app.store.users.update(changed, userKeys(pool.config, changed)), true);
    assert.deepEqual(await names('email = "carol@example.net"'), []);
    assert.deepEqual(await names('email = "caroline@example.net"'), ['carol']);
    assert.deepEqual(await names('status = "Disabled"'), []);
    const back = { ...changed, version: changed.version + 1, enabled: false, attributes: carol.attributes };
    assert.equal(await app.store.users.update(back, userKeys(pool.config, back)), true);
    assert.deepEqual(await names('status = "Disabled"'), ['carol']);
  });

  it('pages through every user without a filter, each exactly once', async () => {
    const { users, pages } = await all({ Limit: 2 });
    assert.equal(pages, 3);
    assert.deepEqual(users.map((u) => u.Username), ['alice', 'albert', 'bob', 'carol', 'Alina']);
    const first = await list({ Limit: 5 });
    assert.equal(first.PaginationToken, undefined, 'no token when the page holds the last user');
    assert.equal((await list({ Limit: 0 })).Users!.length, 5, 'Limit 0 is the default page');
  });

  it('pages through a filtered listing, each match exactly once', async () => {
    const { users, pages } = await all({ Filter: 'email ^= "a"', Limit: 1 });
    assert.equal(pages, 3);
    assert.deepEqual(users.map((u) => u.Username), ['albert', 'alice', 'Alina']);
    const { users: smiths } = await all({ Filter: 'family_name ^= "Smith"', Limit: 2 });
    assert.deepEqual(smiths.map((u) => u.Username), ['alice', 'carol', 'albert']);
  });

  it('pages through many users with a prefix filter, in value order', async () => {
    for (let i = 0; i < 130; i++) await addUser(`bulk${String(i).padStart(3, '0')}`, { email: `bulk${String(129 - i).padStart(3, '0')}@example.com` });
    const { users, pages } = await all({ Filter: 'email ^= "bulk"' });
    assert.equal(pages, 3);
    assert.equal(users.length, 130);
    assert.equal(new Set(users.map((u) => u.Username)).size, 130);
    assert.deepEqual(users.slice(0, 2).map((u) => u.Username), ['bulk129', 'bulk128']);
    const { users: everyone } = await all({});
    assert.equal(everyone.length, 135);
  });

  it('refuses a token from another filter, or one it did not issue', async () => {
    const page = await list({ Filter: 'email ^= "a"', Limit: 1 });
    assert.ok(page.PaginationToken);
    const refused = { name: 'InvalidParameterException', message: /^Paging marker .+ is invalid for request [0-9a-f-]+$/ };
    await assert.rejects(list({ Filter: 'email ^= "b"', Limit: 1, PaginationToken: page.PaginationToken }), refused);
    await assert.rejects(list({ Limit: 1, PaginationToken: page.PaginationToken }), refused);
    await assert.rejects(list({ PaginationToken: 'not-a-token' }), refused);
    const unfiltered = await list({ Limit: 1 });
    await assert.rejects(list({ Filter: 'email ^= "a"', PaginationToken: unfiltered.PaginationToken }), refused);
  });

  it('returns only the attributes named in AttributesToGet', async () => {
    const { Users } = await list({ Filter: 'username = "alice"', AttributesToGet: ['email', 'custom:team'] });
    assert.deepEqual(Users![0].Attributes, [{ Name: 'email', Value: 'alice@example.com' }, { Name: 'custom:team', Value: 'blue' }]);
    assert.equal(Users![0].Username, 'alice');
    assert.equal(Users![0].UserStatus, 'CONFIRMED');
    const missing = await list({ Filter: 'username = "bob"', AttributesToGet: ['preferred_username'] });
    assert.deepEqual(missing.Users![0].Attributes, [], 'a user without the attribute lists none');
    const none = await list({ Filter: 'username = "alice"', AttributesToGet: [] });
    assert.deepEqual(none.Users![0].Attributes, [], 'an empty list returns no attributes, as AWS does');
    await assert.rejects(list({ AttributesToGet: ['email', 'favourite_colour'] }), { name: 'InvalidParameterException', message: 'One or more requested attributes do not exist.' });
    await assert.rejects(list({ AttributesToGet: ['custom:nothere'] }), { name: 'InvalidParameterException', message: 'One or more requested attributes do not exist.' });
  });

  it('refuses filters that do not parse, and attributes that are not searchable, as AWS words it', async () => {
    const parsing = { name: 'InvalidParameterException', message: 'Error while parsing filter.' };
    for (const Filter of ['username = bob', 'username=', 'email', 'email != "a"', 'email = "a" or name = "b"', 'email = "unterminated']) {
      await assert.rejects(list({ Filter }), parsing, Filter);
    }
    await assert.rejects(list({ Filter: 'custom:team = "blue"' }), { name: 'InvalidParameterException', message: 'Invalid search attribute: custom:team' });
    await assert.rejects(list({ Filter: 'middle_name = "x"' }), { name: 'InvalidParameterException', message: 'Invalid search attribute: middle_name' });
  });

  it('matches username, email and preferred_username in any case in a case-insensitive pool', async () => {
    const id = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'folded', UsernameConfiguration: { CaseSensitive: false } }))).UserPool!.Id!;
    const folded = (await app.store.pools.get(id))!;
    const sub = randomUUID();
    const user: UserRecord = {
      poolId: id, sub, username: 'MixedCase', status: 'CONFIRMED', enabled: true, attributes: { sub, email: 'Mixed@Example.COM', given_name: 'Mixed' },
      pending: {}, password: null, settings: {}, createdAt: 1, lastModifiedAt: 1, version: 1,
    };
    await app.store.users.create(user, userKeys(folded.config, user));
    const find = async (Filter: string) => (await cognito.send(new ListUsersCommand({ UserPoolId: id, Filter }))).Users!.map((u) => u.Username);
    assert.deepEqual(await find('username = "mixedcase"'), ['MixedCase'], 'the username as created comes back');
    assert.deepEqual(await find('email ^= "MIXED@example"'), ['MixedCase']);
    assert.deepEqual(await find('given_name = "mixed"'), [], 'other attributes stay case-sensitive');
  });

  it('answers ResourceNotFoundException for an unknown pool, and checks Limit against the model', async () => {
    await assert.rejects(cognito.send(new ListUsersCommand({ UserPoolId: 'us-east-1_nothere00' })), { name: 'ResourceNotFoundException', message: 'User pool us-east-1_nothere00 does not exist.' });
    await assert.rejects(list({ Limit: 61 }), { name: 'InvalidParameterException' });
  });
});
