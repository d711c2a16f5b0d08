/**
 * /auth-event-feedback: the one-click links of a risk notification (services/threat/notify.ts).
 * The link carries the event's FeedbackToken, which works once, as UpdateAuthEventFeedback's does.
 *
 * A GET only shows the choice, with a button that POSTs the link's values: mail scanners and link
 * previews fetch every link in a message, and were a GET to record, the "This was me" link (fetched
 * unasked) would make a blocked sign-in's address known, so the attacker's next try would pass.
 * The POST records, and answers a short page; any refusal the same way, so that a link tells
 * nothing of other users.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { threatMode } from '../../domain/risk.ts';
import { CognitoError } from '../../errors/index.ts';
import type { Deps } from '../../services/deps.ts';
import { requirePool } from '../../services/directory/pools.ts';
import { requireUser } from '../../services/directory/users.ts';
import { escapeHtml } from '../hosted-ui/html.ts';

const FIELDS = ['user_pool_id', 'username', 'event_id', 'feedback_token', 'feedback_value'] as const;
type Link = Record<(typeof FIELDS)[number], string>;

const page = (title: string, body = `<p>${title}</p>`) => `<!doctype html><meta charset="utf-8"><title>${title}</title>${body}`;

/** The link's values when it has them all, one each, and a feedback value that is one of the two. */
function linkOf(values: (name: string) => unknown): Link | undefined {
  const out: Partial<Link> = {};
  for (const name of FIELDS) {
    const v = values(name);
    if (typeof v !== 'string' || !v) return undefined;
    out[name] = v;
  }
  return out.feedback_value === 'Valid' || out.feedback_value === 'Invalid' ? (out as Link) : undefined;
}

function confirmPage(link: Link): string {
  const hidden = FIELDS.map((n) => `<input type="hidden" name="${n}" value="${escapeHtml(link[n])}">`).join('');
  const question = link.feedback_value === 'Valid' ? 'Was this sign-in yours?' : 'This sign-in was not yours?';
  const button = link.feedback_value === 'Valid' ? 'Yes, this was me' : 'Yes, this was not me';
  return page(question, `<p>${question}</p><form method="post" action="/auth-event-feedback">${hidden}<button type="submit">${button}</button></form>`);
}

const INVALID = page('This link is not valid, or has already been used.');

function pageHeaders(reply: FastifyReply): FastifyReply {
  // The confirmation must be the user's own click: no framing it under another site's decoy.
  return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').header('referrer-policy', 'no-referrer')
    .header('content-security-policy', "default-src 'none'; form-action 'self'; frame-ancestors 'none'").header('x-frame-options', 'DENY');
}

export function registerAuthEventFeedback(app: FastifyInstance, deps: Pick<Deps, 'store' | 'threat'>): void {
  app.get('/auth-event-feedback', async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const link = linkOf((n) => q[n]);
    pageHeaders(reply);
    return link ? reply.send(confirmPage(link)) : reply.status(400).send(INVALID);
  });

  app.post('/auth-event-feedback', async (req, reply) => {
    const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const form = new URLSearchParams(type === 'application/x-www-form-urlencoded' && Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '');
    const link = linkOf((n) => (form.getAll(n).length === 1 ? form.get(n) : undefined));
    pageHeaders(reply);
    try {
      if (!link) throw new TypeError('incomplete link');
      const pool = await requirePool(deps.store, link.user_pool_id);
      if (threatMode(pool.config) === 'OFF') throw new TypeError('threat protection is off');
      const user = await requireUser(deps.store, pool, link.username);
      await deps.threat.feedbackWithToken(pool, user, link.event_id, link.feedback_token, link.feedback_value as 'Valid' | 'Invalid');
    } catch (e) {
      if (!(e instanceof CognitoError) && !(e instanceof TypeError)) throw e;
      return reply.status(400).send(INVALID);
    }
    return reply.send(page('Thank you: your feedback has been recorded.'));
  });
}
