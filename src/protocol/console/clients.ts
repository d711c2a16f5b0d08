/**
 * A pool's app clients (ListUserPoolClients, CreateUserPoolClient) and one client's settings
 * (DescribeUserPoolClient). A client's secret is shown only when asked for, by a POST, so that it
 * is never in a page a browser caches or a history holds.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BASE } from './access.ts';
import { act, page, text } from './context.ts';
import { actionForm, attrs, checkbox, escapeHtml, facts, field, formPanel, href, table, when } from './layout.ts';

type Client = Record<string, unknown> & { ClientId: string; ClientName: string; ClientSecret?: string };
type Params = { pool: string; client: string };

const list = (v: unknown) => (Array.isArray(v) && v.length ? v.join(', ') : undefined);

export function registerClientPages(scope: FastifyInstance): void {
  scope.get<{ Params: { pool: string } }>(`${BASE}/pools/:pool/clients`, (req, reply) =>
    page(req, reply, async ({ call, access }) => {
      const poolId = req.params.pool;
      const [{ UserPool }, clients] = await Promise.all([
        call<{ UserPool: { Name: string } }>('DescribeUserPool', { UserPoolId: poolId }),
        call<{ UserPoolClients?: Client[] }>('ListUserPoolClients', { UserPoolId: poolId, MaxResults: 60 }),
      ]);
      const rows = (clients.UserPoolClients ?? []).map((c) => [`<a${attrs({ href: href('pools', poolId, 'clients', c.ClientId) })}>${escapeHtml(c.ClientName)}</a>`, `<span class="mono">${escapeHtml(c.ClientId)}</span>`]);
      const create = formPanel('Create app client', access, href('pools', poolId, 'clients'),
        field('App client name', 'name', { required: true }) + checkbox('Generate a client secret', 'secret') + checkbox('Allow sign-in with username and password (USER_PASSWORD_AUTH)', 'passwordAuth', true), 'Create');
      return {
        shell: { title: 'App clients', pool: { id: poolId, name: UserPool.Name }, current: 'App clients', trail: [['Pools', `${BASE}/`], [UserPool.Name, href('pools', poolId)]] },
        body: create + table(`App clients of ${UserPool.Name}`, ['Name', 'Client ID'], rows, 'No app clients yet.'),
      };
    }));

  scope.post<{ Params: { pool: string } }>(`${BASE}/pools/:pool/clients`, (req, reply) =>
    act(req, reply, href('pools', req.params.pool, 'clients'), async ({ call, form }) => {
      const flows = ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', ...(form.get('passwordAuth') === 'true' ? ['ALLOW_USER_PASSWORD_AUTH'] : [])];
      const out = await call<{ UserPoolClient: Client }>('CreateUserPoolClient', {
        UserPoolId: req.params.pool, ClientName: text(form, 'name') ?? '', GenerateSecret: form.get('secret') === 'true', ExplicitAuthFlows: flows,
      });
      return { done: `App client ${out.UserPoolClient.ClientName} created.`, to: href('pools', req.params.pool, 'clients', out.UserPoolClient.ClientId) };
    }));

  const clientPage = (req: FastifyRequest<{ Params: Params }>, reply: FastifyReply, reveal: boolean) =>
    page(req, reply, async ({ call, access }) => {
      const { pool: poolId, client: clientId } = req.params;
      const [{ UserPool }, { UserPoolClient: c }] = await Promise.all([
        call<{ UserPool: { Name: string } }>('DescribeUserPool', { UserPoolId: poolId }),
        call<{ UserPoolClient: Client }>('DescribeUserPoolClient', { UserPoolId: poolId, ClientId: clientId }),
      ]);
      const at = (a: string) => `${href('pools', poolId, 'clients', c.ClientId)}/${a}`;
      const validity = (c.TokenValidityUnits ?? {}) as Record<string, string>;
      const secret = !c.ClientSecret ? '<p class="muted">This app client has no secret.</p>'
        : reveal ? `<p>Client secret: <output class="mono" aria-label="Client secret">${escapeHtml(c.ClientSecret)}</output></p>`
        : actionForm(access, at('secret'), 'Show client secret');
      return {
        shell: { title: c.ClientName, pool: { id: poolId, name: UserPool.Name }, current: 'App clients', trail: [['Pools', `${BASE}/`], [UserPool.Name, href('pools', poolId)], ['App clients', href('pools', poolId, 'clients')]] },
        body: facts([['Client ID', c.ClientId], ['Created', when(c.CreationDate)], ['Last modified', when(c.LastModifiedDate)], ['Auth flows', list(c.ExplicitAuthFlows)],
          ['Access token validity', c.AccessTokenValidity === undefined ? undefined : `${c.AccessTokenValidity} ${validity.AccessToken ?? 'hours'}`],
          ['ID token validity', c.IdTokenValidity === undefined ? undefined : `${c.IdTokenValidity} ${validity.IdToken ?? 'hours'}`],
          ['Refresh token validity', c.RefreshTokenValidity === undefined ? undefined : `${c.RefreshTokenValidity} ${validity.RefreshToken ?? 'days'}`],
          ['Token revocation', c.EnableTokenRevocation === false ? 'Off' : 'On'], ['Prevent user existence errors', c.PreventUserExistenceErrors as string]])
          + `<h2>Client secret</h2>${secret}`
          + `<h2>OAuth 2.0</h2>${facts([['OAuth flows allowed', c.AllowedOAuthFlowsUserPoolClient ? 'Yes' : 'No'], ['Flows', list(c.AllowedOAuthFlows)], ['Scopes', list(c.AllowedOAuthScopes)],
            ['Callback URLs', list(c.CallbackURLs)], ['Sign-out URLs', list(c.LogoutURLs)], ['Default redirect URI', c.DefaultRedirectURI as string], ['Identity providers', list(c.SupportedIdentityProviders)]])}`
          + `<div class="actions">${actionForm(access, at('delete'), 'Delete app client', '', { danger: true, confirm: `Delete the app client ${c.ClientName}?` })}</div>`,
      };
    });

  scope.get<{ Params: Params }>(`${BASE}/pools/:pool/clients/:client`, (req, reply) => clientPage(req, reply, false));
  scope.post<{ Params: Params }>(`${BASE}/pools/:pool/clients/:client/secret`, (req, reply) => clientPage(req, reply, true));

  scope.post<{ Params: Params }>(`${BASE}/pools/:pool/clients/:client/delete`, (req, reply) =>
    act(req, reply, href('pools', req.params.pool, 'clients', req.params.client), async ({ call }) => {
      await call('DeleteUserPoolClient', { UserPoolId: req.params.pool, ClientId: req.params.client });
      return { done: `App client ${req.params.client} deleted.`, to: href('pools', req.params.pool, 'clients') };
    }));
}
