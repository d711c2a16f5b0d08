import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { CognitoError, bodyTooLarge, internalError, malformedRequest, noRoute } from '../errors/index.ts';
import type { Operation } from '../operations/operation.ts';
import type { Deps } from '../services/deps.ts';
import { registerAwsJson } from './aws-json.ts';
import { corsOrigins, registerCors } from './cors.ts';
import { RequestLog } from './logging.ts';
import { sendError } from './respond.ts';
import { registerImportRoutes } from './routes/import-upload.ts';
import { registerAuthEventFeedback } from './routes/auth-event-feedback.ts';
import { registerInbox } from './routes/inbox.ts';
import { registerMetrics } from './routes/metrics.ts';
import { registerTriggerRoutes } from './routes/trigger-log.ts';
import { registerTokenRoutes } from './routes/well-known.ts';
import { BASE as CONSOLE_BASE } from './console/access.ts';
import { registerConsole } from './console/routes.ts';
import { registerAccountPages } from './oauth/account-pages.ts';
import { registerOAuthEndpoints } from './oauth/endpoints.ts';
import { registerLoginPages } from './oauth/login-pages.ts';
import { registerUIImages } from './oauth/ui-branding.ts';
import { proxyTrust } from './trust-proxy.ts';

// Node checks the headers and request timeouts only this often (30 s by default), so a client
// that stalls is dropped at most this long after its timeout.
const CONNECTIONS_CHECKING_INTERVAL_MS = 1000;

export interface ServerOptions {
  deps: Deps;
  operations: ReadonlyMap<string, Operation>;
  logger: FastifyBaseLogger;
}

/**
 * The HTTP server: the awsJson1.1 front door, /health, /metrics, the pools' JWKS and discovery
 * documents, the OAuth 2.0 endpoints and managed login pages, and the development routes.
 */
export function buildServer({ deps, operations, logger }: ServerOptions): FastifyInstance {
  const { config } = deps;
  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: config.bodyLimit,
    // A client that connects and stalls (sending a request head, or a body, a byte at a time) holds a
    // connection: it is answered 408 and closed once its time is up.
    http: { headersTimeout: config.headersTimeoutMs, connectionsCheckingInterval: Math.min(CONNECTIONS_CHECKING_INTERVAL_MS, config.headersTimeoutMs) },
    requestTimeout: config.requestTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    genReqId: () => randomUUID(),
    trustProxy: proxyTrust(config.trustProxy),
    logController: new RequestLog(),
  });
  // Node closes a connection beyond this as soon as it is accepted.
  app.server.maxConnections = config.maxConnections;

  // Bodies are kept raw: SigV4 signs the exact bytes, and JSON errors must be Cognito's.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-amzn-RequestId', req.id);
  });
  registerCors(app, corsOrigins(config.corsOrigins, config.mode), [CONSOLE_BASE]);

  registerAwsJson(app, deps, operations);

  app.get('/health', async (_req, reply) => {
    try {
      await deps.store.ping();
      return reply.send({ status: 'ok' });
    } catch (e) {
      reply.log.error({ err: e }, 'health check: store unavailable');
      return reply.status(503).send({ status: 'unavailable' });
    }
  });

  registerMetrics(app, deps);
  registerTokenRoutes(app, deps);
  registerAuthEventFeedback(app, deps);
  registerOAuthEndpoints(app, deps);
  registerLoginPages(app, deps);
  registerAccountPages(app, deps, operations);
  registerUIImages(app, deps.store);
  registerImportRoutes(app, deps);
  registerConsole(app, deps);
  if (deps.config.mode === 'development') {
    registerInbox(app, deps.store.messages);
    registerTriggerRoutes(app, deps.store.invocations);
  }

  app.setNotFoundHandler((req, reply) => {
    return sendError(reply, noRoute(req.method, req.url), 404);
  });

  // An error answer may rest on rows read too; like a success, it needs no wait of its own: the
  // store's calls resolve once what they read is on disk (Store.settled()). A store that cannot
  // make its commits durable fails those calls, and their error is answered as an internal one.
  app.setErrorHandler(async (err, req, reply) => {
    if (err instanceof CognitoError) {
      if (err.type === 'InternalErrorException') req.log.error({ err }, 'internal error');
      return sendError(reply, err);
    }
    const fst = err as { code?: string; statusCode?: number; message: string };
    if (fst.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendError(reply, bodyTooLarge(deps.config.bodyLimit));
    }
    if (typeof fst.statusCode === 'number' && fst.statusCode >= 400 && fst.statusCode < 500) {
      // Malformed HTTP that Fastify refused before our route ran.
      return sendError(reply, malformedRequest(fst.message));
    }
    req.log.error({ err }, 'unexpected error');
    return sendError(reply, internalError(req.id));
  });

  return app;
}
