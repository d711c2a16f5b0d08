import type { FastifyBaseLogger } from 'fastify';

/** What the protocol layer knows of a request before the operation runs. */
export interface RequestContext {
  requestId: string;
  /** The caller's address as the server sees it. */
  sourceIp: string;
  /** The caller's User-Agent (it names the SDK, for triggers' callerContext.awsSdkVersion). */
  userAgent?: string;
  log: FastifyBaseLogger;
}
