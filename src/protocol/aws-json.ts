import type { FastifyInstance, FastifyRequest } from 'fastify';
import { bodyNotJson, CognitoError, noTarget, notImplemented, unknownTarget } from '../errors/index.ts';
import { isKnownOperation, isUnsigned, validateInput } from '../model/validate.ts';
import type { Operation } from '../operations/operation.ts';
import type { Deps } from '../services/deps.ts';
import type { Resolved, Resolves } from '../services/request-context.ts';
import { resolvable, resolveCaller } from './resolve-caller.ts';
import { noteSigner } from './logging.ts';
import { CONTENT_TYPE } from './respond.ts';
import { verifySigV4 } from './sigv4.ts';

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';

function parseBody(raw: Buffer): unknown {
  if (raw.length === 0) return {};
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (e) {
    throw bodyNotJson((e as Error).message);
  }
}

function operationName(req: FastifyRequest): string {
  const target = req.headers['x-amz-target'];
  if (typeof target !== 'string' || target === '') throw noTarget();
  const name = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
  if (!isKnownOperation(name)) throw unknownTarget(target);
  return name;
}

/** Signed operations carry SigV4; unsigned ones never need it, and a signature they carry is ignored. */
function checkSignature(req: FastifyRequest, raw: Buffer, deps: Pick<Deps, 'config' | 'clock'>): void {
  const { config, clock } = deps;
  const keys = new Map(config.credentials.map((c) => [c.accessKeyId, c]));
  const result = verifySigV4(
    { method: req.method, path: req.url, headers: req.headers, body: raw },
    { service: 'cognito-idp', lookup: (id) => keys.get(id), acceptAnyWellFormed: config.mode === 'development', now: () => new Date(clock.now()) },
  );
  if (!result.ok) throw result.error;
  noteSigner(req, result.accessKeyId);
}

/** A resolution's outcome, kept to be answered at its turn. */
type Settled = { resolved: Resolved } | { error: unknown };

async function settle(deps: Deps, resolves: Resolves, input: unknown): Promise<Settled> {
  if (resolves === 'nothing') return { resolved: {} };
  try {
    return { resolved: await resolveCaller(deps, resolves, input) };
  } catch (error) {
    return { error };
  }
}

/**
 * One request, in the order AWS's front door and the service answer it: the operation named, the
 * body parsed, the caller resolved (its pool, app client or signed-in user) so that the pool's
 * protection rules can stand in front of everything else, the signature, the model's constraints,
 * then a failed resolution's own error, the quotas and limits, and the operation.
 */
async function handle(deps: Deps, operations: ReadonlyMap<string, Operation>, req: FastifyRequest): Promise<object> {
  const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const name = operationName(req);
  const input = parseBody(raw);
  const op = operations.get(name);
  const resolves: Resolves = op?.resolves ?? 'nothing';
  // Resolved before the input is validated only when the member is there to resolve; its failure
  // is answered after validation, as the operation itself would have answered it.
  const early = resolvable(resolves, input) ? await settle(deps, resolves, input) : undefined;
  deps.admission.protect(early && 'resolved' in early ? early.resolved : {}, req.ip);
  if (!isUnsigned(name)) checkSignature(req, raw, deps);
  const invalid = validateInput(name, input);
  if (invalid) throw invalid;
  if (!op) throw notImplemented(name);
  const settled = early ?? (await settle(deps, resolves, input));
  if ('error' in settled) {
    // Only a pool or app client that does not exist: a token of a real pool that has expired or
    // been revoked is answered as it is, so that junk cannot turn it into TooManyRequestsException.
    if (settled.error instanceof CognitoError && settled.error.type === 'ResourceNotFoundException') await deps.admission.admitUnresolved();
    throw settled.error;
  }
  const admitted = deps.admission.admit(name, settled.resolved);
  if (admitted) await admitted;
  return op.handle(deps, input, { requestId: req.id, sourceIp: req.ip, userAgent: req.headers['user-agent'], log: req.log, ...settled.resolved });
}

/** The awsJson1.1 front door: POST / dispatching on X-Amz-Target. */
export function registerAwsJson(app: FastifyInstance, deps: Deps, operations: ReadonlyMap<string, Operation>): void {
  app.post('/', async (req, reply) => {
    const output = await handle(deps, operations, req);
    return reply.header('content-type', CONTENT_TYPE).send(Buffer.from(JSON.stringify(output)));
  });
}
