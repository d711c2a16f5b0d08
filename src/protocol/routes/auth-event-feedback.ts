/**
 * GET /auth-event-feedback: the one-click links of a risk notification (services/threat/notify.ts).
 * The link carries the event's FeedbackToken, which works once, as UpdateAuthEventFeedback's does.
 * Answers a short page; any refusal the same way, so that a link tells nothing of other users.
 */
import type { FastifyInstance } from 'fastify';
import { threatMode } from '../../domain/risk.ts';
import { CognitoError } from '../../errors/index.ts';
import type { Deps } from '../../services/deps.ts';
import { requirePool } from '../../services/directory/pools.ts';
import { requireUser } from '../../services/directory/users.ts';

const page = (title: string) => `<!doctype html><meta charset="utf-8"><title>${title}</title><p>${title}</p>`;

export function registerAuthEventFeedback(app: FastifyInstance, deps: Pick<Deps, 'store' | 'threat'>): void {
  app.get('/auth-event-feedback', async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const value = q.feedback_value === 'Valid' || q.feedback_value === 'Invalid' ? q.feedback_value : undefined;
    reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    try {
      if (!value || !q.user_pool_id || !q.username || !q.event_id || !q.feedback_token) throw new TypeError('incomplete link');
      const pool = await requirePool(deps.store, q.user_pool_id);
      if (threatMode(pool.config) === 'OFF') throw new TypeError('threat protection is off');
      const user = await requireUser(deps.store, pool, q.username);
      await deps.threat.feedbackWithToken(pool, user, q.event_id, q.feedback_token, value);
    } catch (e) {
      if (!(e instanceof CognitoError) && !(e instanceof TypeError)) throw e;
      return reply.status(400).send(page('This link is not valid, or has already been used.'));
    }
    return reply.send(page('Thank you: your feedback has been recorded.'));
  });
}
