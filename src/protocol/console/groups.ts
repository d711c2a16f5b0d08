/** A pool's groups (ListGroups, CreateGroup) and one group's members (ListUsersInGroup, DeleteGroup). */
import type { FastifyInstance } from 'fastify';
import { BASE } from './access.ts';
import { act, page, text } from './context.ts';
import { actionForm, attrs, escapeHtml, facts, field, formPanel, href, nameOf, table, when } from './layout.ts';
import { attributeOf, type User } from './users.ts';

type Group = { GroupName: string; Description?: string; Precedence?: number; RoleArn?: string; CreationDate?: number };
type Pool = { UserPool: { Name: string } };

export function registerGroupPages(scope: FastifyInstance): void {
  scope.get<{ Params: { pool: string } }>(`${BASE}/pools/:pool/groups`, (req, reply) =>
    page(req, reply, async ({ call, access }) => {
      const poolId = req.params.pool;
      const [{ UserPool }, list] = await Promise.all([
        call<Pool>('DescribeUserPool', { UserPoolId: poolId }),
        call<{ Groups?: Group[] }>('ListGroups', { UserPoolId: poolId, Limit: 60 }),
      ]);
      const rows = (list.Groups ?? []).map((g) => [
        `<a${attrs({ href: href('pools', poolId, 'groups', g.GroupName) })}>${escapeHtml(g.GroupName)}</a>`,
        escapeHtml(g.Description ?? ''), escapeHtml(g.Precedence === undefined ? '' : String(g.Precedence)), escapeHtml(g.RoleArn ?? ''), escapeHtml(when(g.CreationDate)),
      ]);
      const create = formPanel('Create group', access, href('pools', poolId, 'groups'),
        field('Group name', 'name', { required: true }) + field('Description', 'description') + field('Precedence', 'precedence', { hint: 'A whole number; lower comes first' }), 'Create');
      return {
        shell: { title: 'Groups', pool: { id: poolId, name: UserPool.Name }, current: 'Groups', trail: [['Pools', `${BASE}/`], [UserPool.Name, href('pools', poolId)]] },
        body: create + table(`Groups of ${UserPool.Name}`, ['Name', 'Description', 'Precedence', 'Role ARN', 'Created'], rows, 'No groups yet.'),
      };
    }));

  scope.post<{ Params: { pool: string } }>(`${BASE}/pools/:pool/groups`, (req, reply) =>
    act(req, reply, href('pools', req.params.pool, 'groups'), async ({ call, form }) => {
      const precedence = text(form, 'precedence');
      const description = text(form, 'description');
      const name = text(form, 'name') ?? '';
      await call('CreateGroup', { UserPoolId: req.params.pool, GroupName: name, ...(description ? { Description: description } : {}), ...(precedence ? { Precedence: /^\d+$/.test(precedence) ? Number(precedence) : precedence } : {}) });
      return `Group ${name} created.`;
    }));

  scope.get<{ Params: { pool: string; group: string } }>(`${BASE}/pools/:pool/groups/:group`, (req, reply) =>
    page(req, reply, async ({ call, access }) => {
      const poolId = req.params.pool;
      const group = nameOf(req.params.group);
      const [{ UserPool }, { Group: g }, members] = await Promise.all([
        call<Pool>('DescribeUserPool', { UserPoolId: poolId }),
        call<{ Group: Group }>('GetGroup', { UserPoolId: poolId, GroupName: group }),
        call<{ Users?: User[] }>('ListUsersInGroup', { UserPoolId: poolId, GroupName: group, Limit: 60 }),
      ]);
      const rows = (members.Users ?? []).map((u) => [`<a${attrs({ href: href('pools', poolId, 'users', u.Username) })}>${escapeHtml(u.Username)}</a>`, escapeHtml(attributeOf(u, 'email') ?? ''), escapeHtml(u.UserStatus ?? '')]);
      return {
        shell: { title: g.GroupName, pool: { id: poolId, name: UserPool.Name }, current: 'Groups', trail: [['Pools', `${BASE}/`], [UserPool.Name, href('pools', poolId)], ['Groups', href('pools', poolId, 'groups')]] },
        body: facts([['Description', g.Description], ['Precedence', g.Precedence], ['Role ARN', g.RoleArn], ['Created', when(g.CreationDate)]])
          + `<div class="actions">${actionForm(access, `${href('pools', poolId, 'groups', g.GroupName)}/delete`, 'Delete group', '', { danger: true, confirm: `Delete the group ${g.GroupName}?` })}</div>`
          + `<h2>Members</h2>${table('Members', ['Username', 'Email', 'Status'], rows, 'No members: add users from their page.')}`,
      };
    }));

  scope.post<{ Params: { pool: string; group: string } }>(`${BASE}/pools/:pool/groups/:group/delete`, (req, reply) =>
    act(req, reply, href('pools', req.params.pool, 'groups', nameOf(req.params.group)), async ({ call }) => {
      await call('DeleteGroup', { UserPoolId: req.params.pool, GroupName: nameOf(req.params.group) });
      return { done: `Group ${nameOf(req.params.group)} deleted.`, to: href('pools', req.params.pool, 'groups') };
    }));
}
