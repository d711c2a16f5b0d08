import type { FastifyReply } from 'fastify';
import type { CognitoError } from '../errors/index.ts';

export const CONTENT_TYPE = 'application/x-amz-json-1.1';

// Bodies are sent as Buffers: Fastify would append '; charset=utf-8' to a string, and AWS sends the bare type.

/** Writes an awsJson1.1 error: `{"__type", "message"}` with `x-amzn-ErrorType`. */
export function sendError(reply: FastifyReply, e: CognitoError, status = e.status): FastifyReply {
  return reply
    .status(status)
    .header('content-type', CONTENT_TYPE)
    .header('x-amzn-ErrorType', `${e.type}:`)
    .send(Buffer.from(JSON.stringify({ __type: e.type, message: e.message })));
}
