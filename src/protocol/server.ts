import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import { CognitoError } from '../errors/cognito-error.ts';
import { isKnownOperation, isUnsigned, validateInput } from '../model/validate.ts';
import type { Deps } from '../services/deps.ts';
import type { Operation } from '../operations/operation.ts';
import { CONTENT_TYPE, internalError, sendError } from './respond.ts';
import { registerInbox } from '../services/delivery/inbox.ts';
import { registerTokenRoutes } from '../services/tokens/routes.ts';
import { RequestLog } from './logging.ts';
import { verifySigV4 } from './sigv4.ts';
import { checkRequestRate, CATEGORY_OF } from '../services/limits/rates.ts';
import { poolOfRequest } from '../services/limits/request-pool.ts';

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';

export interface ServerOptions {
  deps: Deps;
  operations: ReadonlyMap<string, Operation>;
  logger: FastifyBaseLogger;
}

function parseBody(raw: Buffer): unknown {
  if (raw.length === 0) return {};
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (e) {
    throw new CognitoError('SerializationException', `The request body is not valid JSON: ${(e as Error).message}`);
  }
}

function operationName(req: FastifyRequest): string {
  const target = req.headers['x-amz-target'];
  if (typeof target !== 'string' || target === '') throw new CognitoError('UnknownOperationException', 'The request has no X-Amz-Target header naming an operation.');
  const name = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
  if (!isKnownOperation(name)) throw new CognitoError('UnknownOperationException', `${target} is not an operation of the Cognito user pools API (AWSCognitoIdentityProviderService).`);
  return name;
}

/** Signed operations carry SigV4; unsigned ones never need it, and a signature they carry is ignored. */
function checkSignature(req: FastifyRequest, raw: Buffer, deps: Deps): void {
  const { config, clock } = deps;
  const keys = new Map(config.credentials.map((c) => [c.accessKeyId, c]));
  const result = verifySigV4(
    { method: req.method, path: req.url, headers: req.headers, body: raw },
    { service: 'cognito-idp', lookup: (id) => keys.get(id), acceptAnyWellFormed: config.mode === 'development', now: () => new Date(clock.now()) },
  );
  if (!result.ok) throw result.error;
}

/** The awsJson1.1 front door: one POST route dispatching on X-Amz-Target, plus /health. */
export function buildServer({ deps, operations, logger }: ServerOptions): FastifyInstance {
  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: deps.config.bodyLimit,
    genReqId: () => randomUUID(),
    trustProxy: deps.config.trustProxy,
    logController: new RequestLog(),
  });

  // Bodies are kept raw: SigV4 signs the exact bytes, and JSON errors must be Cognito's.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-amzn-RequestId', req.id);
  });

  app.post('/', async (req, reply) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const name = operationName(req);
    const input = parseBody(raw);
    // The pool is looked up only when rules or quotas need it.
    const rated = deps.config.limits.requestRates && CATEGORY_OF[name] !== undefined;
    const poolId = deps.protection || rated ? await poolOfRequest(deps, input) : undefined;
    // Protection rules stand in front of everything else, as a WAF in front of the pool does.
    deps.protection?.check(poolId, req.ip, deps.clock.now());
    if (!isUnsigned(name)) checkSignature(req, raw, deps);
    const invalid = validateInput(name, input);
    if (invalid) throw invalid;
    const op = operations.get(name);
    if (!op) throw new CognitoError('UnsupportedOperationException', `Cognate does not implement ${name} yet.`);
    if (rated && poolId !== undefined) await checkRequestRate(deps.store.quotas, deps.config.limits, poolId, name, deps.clock.now());
    const output = await op.handle(deps, input, { requestId: req.id, sourceIp: req.ip, userAgent: req.headers['user-agent'], log: req.log });
    await deps.store.settled();
    return reply.header('content-type', CONTENT_TYPE).send(Buffer.from(JSON.stringify(output)));
  });

  app.get('/health', async (_req, reply) => {
    try {
      await deps.store.ping();
      return reply.send({ status: 'ok' });
    } catch (e) {
      reply.log.error({ err: e }, 'health check: store unavailable');
      return reply.status(503).send({ status: 'unavailable' });
    }
  });

  app.get('/metrics', async (_req, reply) => {
    return reply.header('content-type', deps.metrics.contentType).send(await deps.metrics.metrics());
  });

  registerTokenRoutes(app, deps);
  if (deps.config.mode === 'development') registerInbox(app, deps.store.messages);

  app.setNotFoundHandler((req, reply) => {
    const e = new CognitoError('UnknownOperationException', `No route for ${req.method} ${req.url}. Cognito requests are POST / with an X-Amz-Target header.`);
    return sendError(reply, e, 404);
  });

  app.setErrorHandler(async (err, req, reply) => {
    // An error answer may rest on rows read too: it waits for them to be on disk, as a success does.
    try {
      await deps.store.settled();
    } catch (e) {
      req.log.error({ err: e }, 'the store could not make its commits durable');
      return sendError(reply, internalError(req.id));
    }
    if (err instanceof CognitoError) {
      if (err.type === 'InternalErrorException') req.log.error({ err }, 'internal error');
      return sendError(reply, err);
    }
    const fst = err as { code?: string; statusCode?: number; message: string };
    if (fst.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendError(reply, new CognitoError('RequestEntityTooLargeException', `The request body is larger than the limit of ${deps.config.bodyLimit} bytes.`));
    }
    if (typeof fst.statusCode === 'number' && fst.statusCode >= 400 && fst.statusCode < 500) {
      // Malformed HTTP that Fastify refused before our route ran.
      return sendError(reply, new CognitoError('SerializationException', fst.message));
    }
    req.log.error({ err }, 'unexpected error');
    return sendError(reply, internalError(req.id));
  });

  return app;
}
