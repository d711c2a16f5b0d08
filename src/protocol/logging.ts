import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';

/**
 * The request as logged: a user import job's pre-signed URL carries its upload token in the query,
 * which the log must not hold (whoever reads the log could upload the job's CSV).
 */
function logged(request: FastifyRequest): FastifyRequest {
  if (!/[?&]token=/.test(request.url)) return request;
  return Object.create(request, { url: { value: request.url.replace(/([?&]token=)[^&]*/g, '$1[redacted]') } }) as FastifyRequest;
}

const signers = new WeakMap<FastifyRequest, string>();

/** The access key a signed request was signed with: its log line names it, so an operator sees who did what. */
export function noteSigner(req: FastifyRequest, accessKeyId: string): void {
  signers.set(req, accessKeyId);
}

/**
 * One info line per request (when it completes, with its operation), none for /health,
 * which load balancers poll; the incoming line is kept at debug.
 */
export class RequestLog extends LogController {
  constructor() {
    super({ requestIdLogLabel: 'requestId' });
  }

  override incomingRequest(request: FastifyRequest): void {
    if (request.url !== '/health') request.log.debug({ req: logged(request) }, 'incoming request');
  }

  override requestCompleted(error: Error | null, request: FastifyRequest, reply: FastifyReply): void {
    if (request.url === '/health' && !error) return;
    const target = request.headers['x-amz-target'];
    const operation = typeof target === 'string' && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
    const accessKeyId = signers.get(request);
    const fields = { req: logged(request), res: reply, operation, ...(accessKeyId ? { accessKeyId } : {}), responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...fields, err: error }, 'request errored');
    else reply.log.info(fields, 'request completed');
  }
}
