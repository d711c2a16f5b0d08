/**
 * One user: attributes, groups, devices, auth events, and the administrator's actions on them,
 * each the API's own Admin* operation.
 */
import type { FastifyInstance } from 'fastify';
import { BASE } from './access.ts';
import { act, page, plainPage, text } from './context.ts';
import { actionForm, attrs, checkbox, escapeHtml, facts, field, formPanel, href, nameOf, select, table, when, type Shell } from './layout.ts';
import { attributeOf, type User } from './users.ts';

type Params = { pool: string; username: string };
type Got = User & { PreferredMfaSetting?: string; UserMFASettingList?: string[] };
type Run = (call: <T = Record<string, unknown>>(op: string, input: object) => Promise<T>, form: URLSearchParams, who: { UserPoolId: string; Username: string }) => Promise<string>;

/** The actions, by the last part of their path: the operation each runs, and what it did. */
const ACTIONS: Record<string, Run> = {
  disable: async (call, _f, who) => (await call('AdminDisableUser', who), `User ${who.Username} disabled.`),
  enable: async (call, _f, who) => (await call('AdminEnableUser', who), `User ${who.Username} enabled.`),
  'reset-password': async (call, _f, who) => (await call('AdminResetUserPassword', who), `Password reset: ${who.Username} was sent a code and must choose a new password.`),
  'set-password': async (call, f, who) => {
    await call('AdminSetUserPassword', { ...who, Password: f.get('password') ?? '', Permanent: f.get('permanent') === 'true' });
    return `Password set for ${who.Username}${f.get('permanent') === 'true' ? '' : ' (temporary: a new one is asked at the next sign-in)'}.`;
  },
  confirm: async (call, _f, who) => (await call('AdminConfirmSignUp', who), `User ${who.Username} confirmed.`),
  'add-to-group': async (call, f, who) => {
    const group = text(f, 'group') ?? '';
    await call('AdminAddUserToGroup', { ...who, GroupName: group });
    return `${who.Username} added to ${group}.`;
  },
  'remove-from-group': async (call, f, who) => {
    const group = text(f, 'group') ?? '';
    await call('AdminRemoveUserFromGroup', { ...who, GroupName: group });
    return `${who.Username} removed from ${group}.`;
  },
  'sign-out': async (call, _f, who) => (await call('AdminUserGlobalSignOut', who), `${who.Username} signed out everywhere: their refresh tokens no longer work.`),
  'update-attribute': async (call, f, who) => {
    const name = text(f, 'name') ?? '';
    await call('AdminUpdateUserAttributes', { ...who, UserAttributes: [{ Name: name, Value: f.get('value') ?? '' }] });
    return `Attribute ${name} updated.`;
  },
};

export function registerUserPage(scope: FastifyInstance): void {
  scope.get<{ Params: Params }>(`${BASE}/pools/:pool/users/:username`, (req, reply) =>
    page(req, reply, async ({ call, access }) => {
      const poolId = req.params.pool;
      const username = nameOf(req.params.username);
      const who = { UserPoolId: poolId, Username: username };
      const [{ UserPool }, user, groups, allGroups, devices, events] = await Promise.all([
        call<{ UserPool: { Name: string } }>('DescribeUserPool', { UserPoolId: poolId }),
        call<Got>('AdminGetUser', who),
        call<{ Groups?: { GroupName: string }[] }>('AdminListGroupsForUser', { ...who, Limit: 60 }),
        call<{ Groups?: { GroupName: string }[] }>('ListGroups', { UserPoolId: poolId, Limit: 60 }),
        call<{ Devices?: Record<string, unknown>[] }>('AdminListDevices', { ...who, Limit: 60 }),
        // Auth events exist only where threat protection records them.
        call<{ AuthEvents?: Record<string, unknown>[] }>('AdminListUserAuthEvents', { ...who, MaxResults: 20 }).catch(() => undefined),
      ]);
      const at = (action: string) => `${href('pools', poolId, 'users', user.Username)}/${action}`;
      const shell: Shell = { title: user.Username, pool: { id: poolId, name: UserPool.Name }, current: 'Users', trail: [['Pools', `${BASE}/`], [UserPool.Name, href('pools', poolId)], ['Users', href('pools', poolId, 'users')]] };
      const summary = facts([
        ['Username', user.Username], ['sub', attributeOf(user, 'sub')], ['Status', user.UserStatus], ['Enabled', user.Enabled ? 'Enabled' : 'Disabled'],
        ['Created', when(user.UserCreateDate)], ['Last modified', when(user.UserLastModifiedDate)],
        ['MFA factors', (user.UserMFASettingList ?? []).join(', ') || 'None'], ['Preferred MFA', user.PreferredMfaSetting],
      ]);
      const actions = `<div class="actions">
${user.Enabled ? actionForm(access, at('disable'), 'Disable user') : actionForm(access, at('enable'), 'Enable user')}
${user.UserStatus === 'UNCONFIRMED' ? actionForm(access, at('confirm'), 'Confirm user') : ''}
${actionForm(access, at('reset-password'), 'Reset password')}
${actionForm(access, at('sign-out'), 'Sign out everywhere')}
${actionForm(access, at('delete'), 'Delete user', '', { danger: true, confirm: `Delete the user ${user.Username}?` })}
</div>
${formPanel('Set password', access, at('set-password'), field('New password', 'password', { type: 'password', required: true, autocomplete: 'new-password' }) + checkbox('Permanent', 'permanent', true), 'Set password')}`;
      const attributes = table('Attributes', ['Name', 'Value'], (user.UserAttributes ?? []).map((a) => [escapeHtml(a.Name), `<span class="wrap">${escapeHtml(a.Value ?? '')}</span>`]))
        + formPanel('Edit attribute', access, at('update-attribute'), field('Attribute name', 'name', { required: true, hint: 'e.g. email, given_name, custom:plan' }) + field('Value', 'value'), 'Save attribute');
      const member = new Set((groups.Groups ?? []).map((g) => g.GroupName));
      const groupRows = [...member].map((g) => [
        `<a${attrs({ href: href('pools', poolId, 'groups', g) })}>${escapeHtml(g)}</a>`,
        actionForm(access, at('remove-from-group'), 'Remove', `<input type="hidden" name="group"${attrs({ value: g })}>`, { label: `Remove from ${g}` }),
      ]);
      const others = (allGroups.Groups ?? []).map((g) => g.GroupName).filter((g) => !member.has(g));
      const addGroup = others.length ? formPanel('Add to group', access, at('add-to-group'), select('Group', 'group', others, { required: true }), 'Add') : '';
      const deviceRows = (devices.Devices ?? []).map((d) => {
        const name = ((d.DeviceAttributes as { Name: string; Value?: string }[] | undefined) ?? []).find((a) => a.Name === 'device_name')?.Value;
        return [`<span class="mono">${escapeHtml(String(d.DeviceKey))}</span>`, escapeHtml(name ?? ''), escapeHtml(when(d.DeviceLastAuthenticatedDate)), escapeHtml(when(d.DeviceCreateDate))];
      });
      const eventRows = (events?.AuthEvents ?? []).map((e) => [
        escapeHtml(when(e.CreationDate)), escapeHtml(String(e.EventType ?? '')), escapeHtml(String(e.EventResponse ?? '')),
        escapeHtml(String((e.EventRisk as { RiskLevel?: string } | undefined)?.RiskLevel ?? '')), escapeHtml(String((e.EventContextData as { IpAddress?: string } | undefined)?.IpAddress ?? '')),
      ]);
      const eventsPart = events === undefined ? '<p class="muted">Auth events are recorded when the pool\'s threat protection is on.</p>'
        : table('Auth events', ['When', 'Event', 'Response', 'Risk', 'IP address'], eventRows, 'No auth events recorded.');
      return {
        shell,
        body: `${summary}<h2>Actions</h2>${actions}<h2>Attributes</h2>${attributes}<h2>Groups</h2>${table('Groups', ['Group', 'Actions'], groupRows, 'In no group.')}${addGroup}
<h2>Devices</h2>${table('Devices', ['Device key', 'Name', 'Last signed in', 'Remembered'], deviceRows, 'No remembered devices.')}<h2>Auth events</h2>${eventsPart}`,
      };
    }));

  scope.post<{ Params: Params }>(`${BASE}/pools/:pool/users/:username/delete`, (req, reply) =>
    act(req, reply, href('pools', req.params.pool, 'users', nameOf(req.params.username)), async ({ call }) => {
      await call('AdminDeleteUser', { UserPoolId: req.params.pool, Username: nameOf(req.params.username) });
      return { done: `User ${nameOf(req.params.username)} deleted.`, to: href('pools', req.params.pool, 'users') };
    }));

  scope.post<{ Params: Params & { action: string } }>(`${BASE}/pools/:pool/users/:username/:action`, async (req, reply) => {
    const run = Object.hasOwn(ACTIONS, req.params.action) ? ACTIONS[req.params.action] : undefined;
    if (!run) return plainPage(reply, 404, 'Not found', 'There is no such action.');
    return act(req, reply, href('pools', req.params.pool, 'users', nameOf(req.params.username)), ({ call, form }) =>
      run(call, form, { UserPoolId: req.params.pool, Username: nameOf(req.params.username) }));
  });
}
