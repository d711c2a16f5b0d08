import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../services/deps.ts';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** `Authorization: Bearer <token>`, compared in constant time (over digests, so lengths do not show). */
function bears(authorization: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  return given !== undefined && timingSafeEqual(digest(given), digest(token));
}

/**
 * Prometheus metrics. They tell who is busy, what fails and how the server is built, so with a
 * `metricsToken` configured only a scraper bearing it reads them; in production one is required,
 * and without it the route is not served at all. Development serves them to anyone when none is set.
 */
export function registerMetrics(app: FastifyInstance, deps: Pick<Deps, 'config' | 'metrics'>): void {
  const { metricsToken: token, mode } = deps.config;
  if (!token && mode === 'production') return;
  app.get('/metrics', async (req, reply) => {
    if (token && !bears(req.headers.authorization, token)) {
      return reply.status(401).header('www-authenticate', 'Bearer realm="metrics"').header('content-type', 'text/plain; charset=utf-8').send('Unauthorized: /metrics needs the bearer token configured as metricsToken.\n');
    }
    return reply.header('content-type', deps.metrics.contentType).send(await deps.metrics.metrics());
  });
}
