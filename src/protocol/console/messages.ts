/**
 * The messages page: every email and SMS Cognate sent (its outbox), newest first, with its code,
 * updated live by the console's script through /api/messages. This is Cognate's own record, not an
 * API operation: the same one the development inbox (/_cognate/messages) serves. Production keeps
 * no codes and no bodies once a message is sent, so there it shows what was sent where, and how.
 */
import type { FastifyInstance } from 'fastify';
import type { StoredMessage } from '../../domain/message.ts';
import type { Deps } from '../../services/deps.ts';
import type { MessageFilter } from '../../storage/repositories/messages.ts';
import { inboxView, type InboxMessage } from '../routes/inbox.ts';
import { BASE } from './access.ts';
import { page } from './context.ts';
import { attrs, escapeHtml, href } from './layout.ts';

const SHOWN = 100;

function filterOf(query: Record<string, string | undefined>): MessageFilter {
  const since = Number(query.since);
  return { limit: SHOWN, ...(query.pool ? { poolId: query.pool } : {}), ...(Number.isFinite(since) && since > 0 ? { since } : {}) };
}

/**
 * What production may show of a message: not its body, subject or code, which are sealed while it
 * waits and purged once it is final. Where, how, and what became of it stay.
 */
function shown(m: StoredMessage, production: boolean): InboxMessage {
  const view = inboxView(m);
  return production ? { ...view, body: '', subject: null, code: null } : view;
}

function row(m: InboxMessage, created: number): string {
  const cells = [
    m.createdAt.replace('T', ' ').replace(/\.\d+Z$/, ''), m.userPoolId, m.username, m.destination,
  ].map((c) => `<td>${escapeHtml(String(c ?? ''))}</td>`).join('');
  const text = m.subject ? `${m.subject}: ${m.body}` : m.body;
  return `<tr${attrs({ 'data-id': m.id, 'data-created': created })}>${cells}<td class="code">${escapeHtml(m.code ?? '')}</td><td>${escapeHtml(m.purpose ?? '')}</td><td>${escapeHtml(m.status)}</td><td class="wrap">${escapeHtml(text)}</td></tr>`;
}

export function registerMessagePages(scope: FastifyInstance, deps: Deps): void {
  scope.get(`${BASE}/messages`, (req, reply) =>
    page(req, reply, async () => {
      const query = req.query as Record<string, string | undefined>;
      const messages: StoredMessage[] = await deps.store.messages.list(filterOf({ pool: query.pool }));
      const api = `${BASE}/api/messages${query.pool ? `?pool=${encodeURIComponent(query.pool)}` : ''}`;
      const scopeNote = query.pool
        ? `<p>Messages sent to users of <a${attrs({ href: href('pools', query.pool) })}>${escapeHtml(query.pool)}</a>. <a href="${BASE}/messages">All pools</a></p>`
        : '';
      const production = deps.config.mode === 'production';
      const productionNote = production ? '<p class="muted">Production keeps no codes or message text: what was sent where, and how, is kept.</p>' : '';
      const body = `${scopeNote}${productionNote}<p id="live-status" role="status" class="muted"></p>
<div class="scroll" role="region" tabindex="0" aria-label="Messages"><table${attrs({ 'data-live-messages': api })}>
<caption>Messages, newest first (times in UTC)</caption>
<thead><tr>${['Sent', 'Pool', 'Username', 'To', 'Code', 'Purpose', 'Status', 'Message'].map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>
<tbody>${messages.map((m) => row(shown(m, production), m.createdAt)).join('\n')}</tbody></table></div>
<p id="no-messages" class="muted"${attrs({ hidden: messages.length > 0 })}>No messages yet: codes and invitations appear here as they are sent.</p>`;
      return { shell: { title: 'Messages', current: query.pool ? 'Pool messages' : 'Messages', ...(query.pool ? { pool: { id: query.pool } } : {}) }, body };
    }));

  scope.get(`${BASE}/api/messages`, async (req, reply) => {
    const messages = await deps.store.messages.list(filterOf(req.query as Record<string, string | undefined>));
    return reply.header('cache-control', 'no-store').send({ messages: messages.map((m) => shown(m, deps.config.mode === 'production')) });
  });
}
