/** The token inspector: paste a JWT, see its header and claims, and whether Cognate would accept it. */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../services/deps.ts';
import { inspectToken, type Inspection } from '../../services/tokens/inspect.ts';
import { BASE, type Access } from './access.ts';
import { page, visitOf } from './context.ts';
import { attrs, csrfField, escapeHtml, facts } from './layout.ts';

const TIME_CLAIMS = ['iat', 'exp', 'auth_time', 'nbf'];

function result(i: Inspection): string {
  const verdict = `<div${attrs({ class: `verdict ${i.accepted ? 'yes' : 'no'}`, role: 'status' })}>${escapeHtml(i.verdict)}</div>`;
  if (!i.claims) return verdict;
  const times = TIME_CLAIMS.filter((c) => typeof i.claims![c] === 'number').map((c) => [c, new Date((i.claims![c] as number) * 1000).toISOString()] as [string, string]);
  return `${verdict}<h2>Header</h2><pre aria-label="Header">${escapeHtml(JSON.stringify(i.header, null, 2))}</pre>
<h2>Claims</h2><pre aria-label="Claims">${escapeHtml(JSON.stringify(i.claims, null, 2))}</pre>${times.length ? `<h2>Times</h2>${facts(times)}` : ''}`;
}

export function registerTokenPage(scope: FastifyInstance, deps: Deps): void {
  const render = (token: string, inspection?: Inspection) =>
    async ({ access }: { access: Access }) => ({
      shell: { title: 'Token inspector', current: 'Token inspector' },
      // A POST, so that a pasted token is never in a URL, a history or a request log.
      body: `<form method="post"${attrs({ action: `${BASE}/tokens` })}>${csrfField(access)}
<div class="field"><label for="f-token">Token</label><textarea id="f-token" name="token" required spellcheck="false" autocomplete="off">${escapeHtml(token)}</textarea></div>
<button type="submit" class="primary">Inspect</button></form>${inspection ? result(inspection) : ''}`,
    });
  scope.get(`${BASE}/tokens`, (req, reply) => page(req, reply, render('')));
  scope.post(`${BASE}/tokens`, async (req, reply) => {
    const { form } = visitOf(req);
    const token = (form.get('token') ?? '').slice(0, 16_384);
    return page(req, reply, render(token, await inspectToken(deps, token)));
  });
}
