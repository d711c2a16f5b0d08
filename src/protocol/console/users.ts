/** A pool's users: ListUsers with its filter syntax, paginated, and AdminCreateUser. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BASE } from './access.ts';
import type { Call } from './api.ts';
import { act, page, text } from './context.ts';
import { attrs, checkbox, escapeHtml, field, formPanel, href, table, when, yesNo } from './layout.ts';

export type User = { Username: string; Attributes?: { Name: string; Value?: string }[]; UserAttributes?: { Name: string; Value?: string }[]; UserStatus?: string; Enabled?: boolean; UserCreateDate?: number; UserLastModifiedDate?: number };

const PAGE_SIZE = 50;

export const attributeOf = (u: User, name: string) => (u.Attributes ?? u.UserAttributes ?? []).find((a) => a.Name === name)?.Value;

/**
 * A search as typed: ListUsers' own syntax (`email ^= "al"`, `status = "Disabled"`) as it is, and
 * a bare word as the start of a username, which is what someone typing a name means.
 */
export function filterOf(typed: string | undefined): string | undefined {
  const t = typed?.trim();
  if (!t) return undefined;
  if (/^[\w:]+\s*\^?=\s*"/.test(t)) return t;
  return `username ^= "${t.replace(/["\\]/g, '')}"`;
}

/** Each listed user's MFA: AdminGetUser's preferred and enabled factors, all asked at once. */
async function mfaOf(call: Call, poolId: string, users: User[]): Promise<string[]> {
  return Promise.all(users.map(async (u) => {
    const got = await call<{ PreferredMfaSetting?: string; UserMFASettingList?: string[] }>('AdminGetUser', { UserPoolId: poolId, Username: u.Username }).catch(() => undefined);
    const list = got?.UserMFASettingList ?? [];
    return list.length ? list.map((f) => (f === got?.PreferredMfaSetting ? `${f} (preferred)` : f)).join(', ') : 'None';
  }));
}

function query(req: FastifyRequest): { filter?: string; next?: string } {
  return req.query as { filter?: string; next?: string };
}

export function registerUserListPages(scope: FastifyInstance): void {
  scope.get<{ Params: { pool: string } }>(`${BASE}/pools/:pool/users`, (req, reply) =>
    page(req, reply, async ({ call, access }) => {
      const poolId = req.params.pool;
      const { filter: typed, next } = query(req);
      const filter = filterOf(typed);
      const [{ UserPool }, list] = await Promise.all([
        call<{ UserPool: { Name: string } }>('DescribeUserPool', { UserPoolId: poolId }),
        call<{ Users?: User[]; PaginationToken?: string }>('ListUsers', { UserPoolId: poolId, Limit: PAGE_SIZE, ...(filter ? { Filter: filter } : {}), ...(next ? { PaginationToken: next } : {}) }),
      ]);
      const users = list.Users ?? [];
      const mfa = await mfaOf(call, poolId, users);
      const rows = users.map((u, i) => [
        `<a${attrs({ href: href('pools', poolId, 'users', u.Username) })}>${escapeHtml(u.Username)}</a>`,
        escapeHtml(attributeOf(u, 'email') ?? ''), escapeHtml(u.UserStatus ?? ''), u.Enabled ? 'Enabled' : 'Disabled',
        yesNo(attributeOf(u, 'email_verified')), yesNo(attributeOf(u, 'phone_number_verified')), escapeHtml(mfa[i]!), escapeHtml(when(u.UserCreateDate)),
      ]);
      const search = `<form class="search" method="get" role="search"${attrs({ action: href('pools', poolId, 'users') })}>
${field('Filter', 'filter', { type: 'search', value: typed, hint: 'A name, or a ListUsers filter: email ^= "ali", status = "Disabled", cognito:user_status = "UNCONFIRMED"' })}
<button type="submit">Search</button></form>`;
      const base = `${href('pools', poolId, 'users')}?${typed ? `filter=${encodeURIComponent(typed)}&` : ''}`;
      const pager = `<nav class="pager" aria-label="Pages">${next ? `<a${attrs({ href: base.replace(/[?&]$/, '') })}>First page</a>` : ''}${list.PaginationToken ? `<a${attrs({ href: `${base}next=${encodeURIComponent(list.PaginationToken)}` })}>Next page</a>` : ''}</nav>`;
      const create = formPanel('Create user', access, href('pools', poolId, 'users'),
        field('Username', 'username', { required: true }) + field('Email', 'email', { type: 'email' }) + field('Phone number', 'phone', { type: 'tel', hint: 'E.164, e.g. +15555550100' }) +
        field('Temporary password', 'password', { type: 'password', hint: 'Leave empty to have one generated', autocomplete: 'new-password' }) +
        checkbox('Mark email as verified', 'emailVerified', true) + checkbox('Mark phone number as verified', 'phoneVerified') + checkbox('Send an invitation', 'invite', true),
        'Create');
      return {
        shell: { title: 'Users', pool: { id: poolId, name: UserPool.Name }, current: 'Users', trail: [['Pools', `${BASE}/`], [UserPool.Name, href('pools', poolId)]] },
        body: create + search + table(`Users of ${UserPool.Name}`, ['Username', 'Email', 'Status', 'Enabled', 'Email verified', 'Phone verified', 'MFA', 'Created'], rows, filter ? 'No user matches this filter.' : 'No users yet.') + pager,
      };
    }));

  scope.post<{ Params: { pool: string } }>(`${BASE}/pools/:pool/users`, (req, reply) =>
    act(req, reply, href('pools', req.params.pool, 'users'), async ({ call, form }) => {
      const poolId = req.params.pool;
      const username = text(form, 'username') ?? '';
      const email = text(form, 'email');
      const phone = text(form, 'phone');
      const attributes = [
        ...(email ? [{ Name: 'email', Value: email }, { Name: 'email_verified', Value: String(form.get('emailVerified') === 'true') }] : []),
        ...(phone ? [{ Name: 'phone_number', Value: phone }, { Name: 'phone_number_verified', Value: String(form.get('phoneVerified') === 'true') }] : []),
      ];
      const mediums = [...(email ? ['EMAIL'] : []), ...(phone ? ['SMS'] : [])];
      const password = form.get('password') || undefined;
      const out = await call<{ User: User }>('AdminCreateUser', {
        UserPoolId: poolId, Username: username, UserAttributes: attributes, ...(password ? { TemporaryPassword: password } : {}),
        ...(form.get('invite') === 'true' ? (mediums.length ? { DesiredDeliveryMediums: mediums } : {}) : { MessageAction: 'SUPPRESS' }),
      });
      return { done: `User ${out.User.Username} created.`, to: href('pools', poolId, 'users', out.User.Username) };
    }));
}
