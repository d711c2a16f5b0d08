/**
 * Groups and membership through the AWS SDK for JavaScript v3: every group operation with its
 * errors, precedence, pagination, membership seen from both sides, and memberships ending when
 * the group or the user is deleted. Users are written through the store of an in-process app.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  AdminAddUserToGroupCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  CreateGroupCommand,
  CreateUserPoolCommand,
  DeleteGroupCommand,
  GetGroupCommand,
  ListGroupsCommand,
  ListUsersInGroupCommand,
  UpdateGroupCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { createApp, type App } from '../../src/app/app.ts';
import { loadConfig } from '../../src/app/config/load.ts';
import { userKeys } from '../../src/domain/user.ts';
import type { PoolRecord } from '../../src/domain/pool.ts';
import type { UserRecord } from '../../src/domain/user.ts';
import { sdkClient } from './harness.ts';

const ROLE = 'arn:aws:iam::123456789012:role/admins';
const OTHER_ROLE = 'arn:aws:iam::123456789012:role/readers';
const NO_POOL = 'us-east-1_nothere00';

describe('groups and membership', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cognate-groups-'));
  let app: App;
  let cognito: CognitoIdentityProviderClient;
  let pool: PoolRecord;
  let offset = 0;

  async function addUser(username: string, attributes: Record<string, string> = {}): Promise<UserRecord> {
    const sub = randomUUID();
    const now = Date.now();
    const user: UserRecord = {
      poolId: pool.id, sub, username, status: 'CONFIRMED', enabled: true, attributes: { sub, ...attributes },
      pending: {}, password: null, settings: {}, createdAt: now, lastModifiedAt: now, version: 1,
    };
    await app.store.users.create(user, userKeys(pool.config, user));
    return user;
  }

  const UserPoolId = () => pool.id;
  const create = (GroupName: string, more: { Description?: string; RoleArn?: string; Precedence?: number } = {}) =>
    cognito.send(new CreateGroupCommand({ UserPoolId: UserPoolId(), GroupName, ...more }));
  const add = (Username: string, GroupName: string) => cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: UserPoolId(), Username, GroupName }));
  const remove = (Username: string, GroupName: string) => cognito.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: UserPoolId(), Username, GroupName }));
  const groupsOf = async (Username: string) => (await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: UserPoolId(), Username }))).Groups!.map((g) => g.GroupName);
  const membersOf = async (GroupName: string) => (await cognito.send(new ListUsersInGroupCommand({ UserPoolId: UserPoolId(), GroupName }))).Users!.map((u) => u.Username);
  const groupNotFound = { name: 'ResourceNotFoundException', message: 'Group not found.' };
  const userNotFound = { name: 'UserNotFoundException', message: 'User does not exist.' };
  const poolNotFound = { name: 'ResourceNotFoundException', message: `User pool ${NO_POOL} does not exist.` };

  before(async () => {
    app = await createApp(loadConfig(['--db', join(dir, 'db.sqlite'), '--port', '0', '--log-level', 'silent'], {}), { clock: { now: () => Date.now() + offset } });
    cognito = sdkClient(await app.listen());
    const poolId = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'groups', AliasAttributes: ['email'] }))).UserPool!.Id!;
    pool = (await app.store.pools.get(poolId))!;
  });
  after(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('CreateGroup and GetGroup', () => {
    it('creates a group with every member and returns it as GroupType', async () => {
      const { Group } = await create('admins', { Description: 'Administrators', RoleArn: ROLE, Precedence: 1 });
      assert.equal(Group!.GroupName, 'admins');
      assert.equal(Group!.UserPoolId, pool.id);
      assert.equal(Group!.Description, 'Administrators');
      assert.equal(Group!.RoleArn, ROLE);
      assert.equal(Group!.Precedence, 1);
      assert.ok(Group!.CreationDate instanceof Date);
      assert.deepEqual(Group!.LastModifiedDate, Group!.CreationDate);
      assert.deepEqual((await cognito.send(new GetGroupCommand({ UserPoolId: pool.id, GroupName: 'admins' }))).Group, Group);
    });

    it('leaves out the members it was not given, and keeps precedence 0', async () => {
      const { Group } = await create('plain');
      assert.deepEqual(Object.keys(Group!).sort(), ['CreationDate', 'GroupName', 'LastModifiedDate', 'UserPoolId']);
      const zero = (await create('first', { Precedence: 0 })).Group!;
      assert.equal(zero.Precedence, 0);
      assert.equal((await cognito.send(new GetGroupCommand({ UserPoolId: pool.id, GroupName: 'first' }))).Group!.Precedence, 0);
    });

    it('lets groups share a precedence, and names are case-sensitive', async () => {
      await create('also-one', { Precedence: 1 });
      await create('Admins');
      assert.equal((await cognito.send(new GetGroupCommand({ UserPoolId: pool.id, GroupName: 'Admins' }))).Group!.Description, undefined);
    });

    it('refuses a name that exists, an unknown pool, and input the model forbids', async () => {
      await assert.rejects(create('admins'), { name: 'GroupExistsException', message: 'A group with the name admins already exists.' });
      await assert.rejects(cognito.send(new CreateGroupCommand({ UserPoolId: NO_POOL, GroupName: 'x' })), poolNotFound);
      await assert.rejects(create('negative', { Precedence: -1 }), { name: 'InvalidParameterException' });
      await assert.rejects(create('bad-role', { RoleArn: 'not an arn at all, no' }), { name: 'InvalidParameterException' });
      await assert.rejects(create('has space'), { name: 'InvalidParameterException' });
    });

    it('answers Group not found for an unknown group', async () => {
      await assert.rejects(cognito.send(new GetGroupCommand({ UserPoolId: pool.id, GroupName: 'nobody' })), groupNotFound);
      await assert.rejects(cognito.send(new GetGroupCommand({ UserPoolId: NO_POOL, GroupName: 'admins' })), poolNotFound);
    });
  });

  describe('UpdateGroup', () => {
    it('changes only the members it is given', async () => {
      const before = (await create('editors', { Description: 'Editors', RoleArn: ROLE, Precedence: 5 })).Group!;
      offset += 5000;
      const { Group } = await cognito.send(new UpdateGroupCommand({ UserPoolId: pool.id, GroupName: 'editors', Description: 'People who edit' }));
      assert.equal(Group!.Description, 'People who edit');
      assert.equal(Group!.RoleArn, ROLE);
      assert.equal(Group!.Precedence, 5);
      assert.deepEqual(Group!.CreationDate, before.CreationDate);
      assert.ok(Group!.LastModifiedDate!.getTime() > before.LastModifiedDate!.getTime());

      const second = (await cognito.send(new UpdateGroupCommand({ UserPoolId: pool.id, GroupName: 'editors', RoleArn: OTHER_ROLE, Precedence: 0 }))).Group!;
      assert.equal(second.Description, 'People who edit');
      assert.equal(second.RoleArn, OTHER_ROLE);
      assert.equal(second.Precedence, 0);
      assert.deepEqual((await cognito.send(new GetGroupCommand({ UserPoolId: pool.id, GroupName: 'editors' }))).Group, second);
    });

    it('clears the description when given an empty one', async () => {
      const { Group } = await cognito.send(new UpdateGroupCommand({ UserPoolId: pool.id, GroupName: 'editors', Description: '' }));
      assert.equal(Group!.Description, undefined);
      assert.equal(Group!.Precedence, 0);
    });

    it('answers Group not found for an unknown group', async () => {
      await assert.rejects(cognito.send(new UpdateGroupCommand({ UserPoolId: pool.id, GroupName: 'nobody', Description: 'x' })), groupNotFound);
      await assert.rejects(cognito.send(new UpdateGroupCommand({ UserPoolId: NO_POOL, GroupName: 'editors' })), poolNotFound);
    });
  });

  describe('ListGroups', () => {
    it('lists the pool\'s groups in creation order, in pages', async () => {
      const all = (await cognito.send(new ListGroupsCommand({ UserPoolId: pool.id }))).Groups!.map((g) => g.GroupName);
      assert.deepEqual(all, ['admins', 'plain', 'first', 'also-one', 'Admins', 'editors']);
      const seen: string[] = [];
      let NextToken: string | undefined;
      let pages = 0;
      do {
        const page = await cognito.send(new ListGroupsCommand({ UserPoolId: pool.id, Limit: 4, NextToken }));
        seen.push(...page.Groups!.map((g) => g.GroupName!));
        NextToken = page.NextToken;
        pages++;
      } while (NextToken);
      assert.equal(pages, 2);
      assert.deepEqual(seen, all);
      const full = (await cognito.send(new ListGroupsCommand({ UserPoolId: pool.id, Limit: 1 }))).Groups![0];
      assert.equal(full.RoleArn, ROLE);
      assert.equal(full.Precedence, 1);
    });

    it('refuses a token it did not issue, and an unknown pool', async () => {
      await assert.rejects(cognito.send(new ListGroupsCommand({ UserPoolId: pool.id, NextToken: 'bogus' })), { name: 'InvalidParameterException', message: 'Invalid pagination token.' });
      await assert.rejects(cognito.send(new ListGroupsCommand({ UserPoolId: NO_POOL })), poolNotFound);
    });

    it('answers an empty list for a pool without groups', async () => {
      const other = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'empty' }))).UserPool!.Id!;
      const page = await cognito.send(new ListGroupsCommand({ UserPoolId: other }));
      assert.deepEqual(page.Groups, []);
      assert.equal(page.NextToken, undefined);
    });
  });

  describe('membership', () => {
    let alice: UserRecord;
    before(async () => {
      alice = await addUser('alice', { email: 'alice@example.com', email_verified: 'true' });
      await addUser('bob');
      await addUser('carol');
    });

    it('adds users to groups, by username, verified alias or sub, and adding twice is harmless', async () => {
      await add('alice', 'admins');
      await add('alice@example.com', 'editors');
      await add(alice.sub, 'plain');
      await add('alice', 'admins');
      await add('bob', 'admins');
      await add('carol', 'admins');
      assert.deepEqual(await groupsOf('alice'), ['admins', 'editors', 'plain']);
      assert.deepEqual(await membersOf('admins'), ['alice', 'bob', 'carol']);
    });

    it('lists a group\'s members as UserType, in the order they joined, in pages', async () => {
      const first = await cognito.send(new ListUsersInGroupCommand({ UserPoolId: pool.id, GroupName: 'admins', Limit: 2 }));
      assert.deepEqual(first.Users!.map((u) => u.Username), ['alice', 'bob']);
      const u = first.Users![0];
      assert.equal(u.UserStatus, 'CONFIRMED');
      assert.equal(u.Enabled, true);
      assert.ok(u.UserCreateDate instanceof Date);
      assert.deepEqual(u.Attributes!.find((a) => a.Name === 'email'), { Name: 'email', Value: 'alice@example.com' });
      assert.ok(first.NextToken);
      const second = await cognito.send(new ListUsersInGroupCommand({ UserPoolId: pool.id, GroupName: 'admins', Limit: 2, NextToken: first.NextToken }));
      assert.deepEqual(second.Users!.map((x) => x.Username), ['carol']);
      assert.equal(second.NextToken, undefined);
      assert.deepEqual(await membersOf('first'), []);
    });

    it('lists a user\'s groups in name order, in pages', async () => {
      const first = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: pool.id, Username: 'alice', Limit: 2 }));
      assert.deepEqual(first.Groups!.map((g) => g.GroupName), ['admins', 'editors']);
      assert.equal(first.Groups![0].RoleArn, ROLE);
      const second = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: pool.id, Username: 'alice', Limit: 2, NextToken: first.NextToken }));
      assert.deepEqual(second.Groups!.map((g) => g.GroupName), ['plain']);
      assert.equal(second.NextToken, undefined);
      assert.deepEqual(await groupsOf('bob'), ['admins']);
    });

    it('removes users from groups, seen from both sides; removing a non-member is harmless', async () => {
      await remove('bob', 'admins');
      assert.deepEqual(await membersOf('admins'), ['alice', 'carol']);
      assert.deepEqual(await groupsOf('bob'), []);
      await remove('bob', 'admins');
      await remove('alice@example.com', 'plain');
      assert.deepEqual(await groupsOf('alice'), ['admins', 'editors']);
    });

    it('answers Group not found and User does not exist where they apply', async () => {
      await assert.rejects(add('alice', 'nobody'), groupNotFound);
      await assert.rejects(add('nobody', 'admins'), userNotFound);
      await assert.rejects(remove('alice', 'nobody'), groupNotFound);
      await assert.rejects(remove('nobody', 'admins'), userNotFound);
      await assert.rejects(groupsOf('nobody'), userNotFound);
      await assert.rejects(membersOf('nobody'), groupNotFound);
      await assert.rejects(cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: NO_POOL, Username: 'alice', GroupName: 'admins' })), poolNotFound);
      await assert.rejects(cognito.send(new ListUsersInGroupCommand({ UserPoolId: pool.id, GroupName: 'admins', NextToken: 'bogus' })), { name: 'InvalidParameterException' });
      await assert.rejects(cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: pool.id, Username: 'alice', NextToken: 'bogus' })), { name: 'InvalidParameterException' });
    });

    it('deleting a group ends its memberships; a new group of that name starts empty', async () => {
      await add('carol', 'editors');
      await cognito.send(new DeleteGroupCommand({ UserPoolId: pool.id, GroupName: 'editors' }));
      await assert.rejects(cognito.send(new GetGroupCommand({ UserPoolId: pool.id, GroupName: 'editors' })), groupNotFound);
      assert.deepEqual(await groupsOf('alice'), ['admins']);
      assert.deepEqual(await groupsOf('carol'), ['admins']);
      const again = (await create('editors')).Group!;
      assert.equal(again.Description, undefined);
      assert.deepEqual(await membersOf('editors'), []);
    });

    it('DeleteGroup answers Group not found for an unknown group', async () => {
      await assert.rejects(cognito.send(new DeleteGroupCommand({ UserPoolId: pool.id, GroupName: 'nobody' })), groupNotFound);
      await assert.rejects(cognito.send(new DeleteGroupCommand({ UserPoolId: NO_POOL, GroupName: 'admins' })), poolNotFound);
    });

    it('deleting a user ends the user\'s memberships', async () => {
      const dave = await addUser('dave');
      await add('dave', 'admins');
      await add('dave', 'plain');
      assert.deepEqual(await membersOf('admins'), ['alice', 'carol', 'dave']);
      assert.equal(await app.store.users.delete(pool.id, dave.sub), true);
      assert.deepEqual(await membersOf('admins'), ['alice', 'carol']);
      assert.deepEqual(await membersOf('plain'), []);
      await assert.rejects(groupsOf('dave'), userNotFound);
    });
  });
});
