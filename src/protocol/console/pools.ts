/** The pools page (ListUserPools, each pool described for its user count and plan) and a pool's overview. */
import type { FastifyInstance } from 'fastify';
import { BASE } from './access.ts';
import { act, page, text } from './context.ts';
import { actionForm, attrs, escapeHtml, facts, field, formPanel, href, select, table, when, yesNo } from './layout.ts';

type Pool = Record<string, unknown> & { Id: string; Name: string };

const TIERS = ['ESSENTIALS', 'LITE', 'PLUS'];

export function registerPoolPages(scope: FastifyInstance): void {
  scope.get(`${BASE}/`, (req, reply) =>
    page(req, reply, async ({ call, access }) => {
      const next = (req.query as Record<string, string | undefined>).next;
      const list = await call<{ UserPools?: Pool[]; NextToken?: string }>('ListUserPools', { MaxResults: 60, ...(next ? { NextToken: next } : {}) });
      const pools = await Promise.all((list.UserPools ?? []).map((p) => call<{ UserPool: Pool }>('DescribeUserPool', { UserPoolId: p.Id }).then((d) => d.UserPool)));
      const rows = pools.map((p) => [
        `<a${attrs({ href: href('pools', p.Id) })}>${escapeHtml(p.Name)}</a>`,
        `<span class="mono">${escapeHtml(p.Id)}</span>`,
        escapeHtml(String(p.EstimatedNumberOfUsers ?? 0)),
        escapeHtml(when(p.CreationDate)),
        escapeHtml(String(p.UserPoolTier ?? '')),
        actionForm(access, `${href('pools', p.Id)}/delete`, 'Delete', '', { danger: true, confirm: `Delete the pool ${p.Name} and all its users?`, label: `Delete ${p.Name}` }),
      ]);
      const create = formPanel('Create pool', access, `${BASE}/pools`,
        field('Pool name', 'name', { required: true }) + select('Feature plan', 'tier', TIERS), 'Create');
      const more = list.NextToken ? `<p class="pager"><a${attrs({ href: `${BASE}/?next=${encodeURIComponent(list.NextToken)}` })}>Next pools</a></p>` : '';
      return { shell: { title: 'User pools', current: 'Pools' }, body: create + table('User pools', ['Name', 'Pool ID', 'Users', 'Created', 'Feature plan', 'Actions'], rows, 'No user pools yet: create one.') + more };
    }));

  scope.post(`${BASE}/pools`, (req, reply) =>
    act(req, reply, `${BASE}/`, async ({ call, form }) => {
      const tier = text(form, 'tier');
      const out = await call<{ UserPool: Pool }>('CreateUserPool', { PoolName: text(form, 'name') ?? '', ...(tier ? { UserPoolTier: tier } : {}) });
      return { done: `Pool ${out.UserPool.Name} created (${out.UserPool.Id}).`, to: href('pools', out.UserPool.Id) };
    }));

  scope.post<{ Params: { pool: string } }>(`${BASE}/pools/:pool/delete`, (req, reply) =>
    act(req, reply, `${BASE}/`, async ({ call }) => {
      await call('DeleteUserPool', { UserPoolId: req.params.pool });
      return `Pool ${req.params.pool} deleted.`;
    }));

  scope.get<{ Params: { pool: string } }>(`${BASE}/pools/:pool`, (req, reply) =>
    page(req, reply, async ({ call }) => {
      const id = req.params.pool;
      const [{ UserPool: p }, mfa] = await Promise.all([
        call<{ UserPool: Pool }>('DescribeUserPool', { UserPoolId: id }),
        call<Record<string, unknown>>('GetUserPoolMfaConfig', { UserPoolId: id }),
      ]);
      return { shell: { title: p.Name, pool: { id, name: p.Name }, current: 'Overview', trail: [['Pools', `${BASE}/`]] }, body: overview(p, mfa) };
    }));
}

function overview(p: Pool, mfa: Record<string, unknown>): string {
  const policy = ((p.Policies as Record<string, unknown> | undefined)?.PasswordPolicy ?? {}) as Record<string, unknown>;
  const admin = (p.AdminCreateUserConfig ?? {}) as Record<string, unknown>;
  const triggers = Object.entries((p.LambdaConfig ?? {}) as Record<string, unknown>).filter(([, v]) => typeof v === 'string');
  const factors = ['SmsMfaConfiguration', 'SoftwareTokenMfaConfiguration', 'EmailMfaConfiguration', 'WebAuthnConfiguration']
    .filter((k) => mfa[k] !== undefined && (k !== 'SoftwareTokenMfaConfiguration' || (mfa[k] as { Enabled?: boolean }).Enabled))
    .map((k) => k.replace(/(Mfa)?Configuration$/, ''));
  const general = facts([
    ['Pool ID', p.Id], ['ARN', p.Arn as string], ['Users (estimated)', p.EstimatedNumberOfUsers as number], ['Feature plan', p.UserPoolTier as string],
    ['Created', when(p.CreationDate)], ['Last modified', when(p.LastModifiedDate)], ['Deletion protection', p.DeletionProtection as string],
    ['Sign-in with', ((p.UsernameAttributes as string[] | undefined) ?? []).join(', ') || 'username'], ['Auto-verified', ((p.AutoVerifiedAttributes as string[] | undefined) ?? []).join(', ')],
    ['Domain', (p.CustomDomain ?? p.Domain) as string], ['Only administrators create users', yesNo(admin.AllowAdminCreateUserOnly)],
  ]);
  const passwords = facts([
    ['Minimum length', policy.MinimumLength as number], ['Requires uppercase', yesNo(policy.RequireUppercase)], ['Requires lowercase', yesNo(policy.RequireLowercase)],
    ['Requires numbers', yesNo(policy.RequireNumbers)], ['Requires symbols', yesNo(policy.RequireSymbols)], ['Temporary password valid (days)', policy.TemporaryPasswordValidityDays as number],
  ]);
  const mfaFacts = facts([['MFA', mfa.MfaConfiguration as string], ['Factors', factors.join(', ')]]);
  const triggerRows = triggers.map(([k, v]) => [escapeHtml(k), `<span class="mono">${escapeHtml(String(v))}</span>`]);
  return `<h2>General</h2>${general}<h2>Password policy</h2>${passwords}<h2>Multi-factor authentication</h2>${mfaFacts}
<h2>Triggers</h2>${table('Triggers', ['Trigger', 'Function'], triggerRows, 'No triggers.')}`;
}
