import type { FastifyReply } from 'fastify';
import type { CognitoError } from '../errors/index.ts';

export const CONTENT_TYPE = 'application/x-amz-json-1.1';

/** The longest x-amzn-ErrorMessage sent: a message can echo 2,048-character input, and proxies buffer headers in 4 to 8 KiB. */
export const ERROR_MESSAGE_HEADER_MAX = 1024;

const UTF8 = new TextEncoder();

/**
 * A message as an HTTP header value. Node refuses (throws on) control characters and anything
 * above U+00FF in a header, and a message can echo what the caller sent: line breaks and other
 * controls become spaces (AWS's multi-line schema errors read as one line), other characters
 * outside printable ASCII are percent-encoded as UTF-8 (a lone surrogate as U+FFFD's bytes), and
 * the value is cut to ERROR_MESSAGE_HEADER_MAX characters, never inside an escape. The body keeps
 * the message whole.
 */
export function errorMessageHeader(message: string): string {
  let flat = '';
  for (const ch of message) {
    // A run of controls is one space.
    if (ch >= ' ' && ch !== '\x7f') flat += ch;
    else if (!flat.endsWith(' ')) flat += ' ';
  }
  let out = '';
  for (const ch of flat.trimEnd()) {
    const piece = ch >= ' ' && ch <= '~' ? ch : [...UTF8.encode(ch)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
    if (out.length + piece.length > ERROR_MESSAGE_HEADER_MAX) break;
    out += piece;
  }
  return out;
}

// Bodies are sent as Buffers: Fastify would append '; charset=utf-8' to a string, and AWS sends the bare type.

/** Writes an awsJson1.1 error: `{"__type", "message"}` with `x-amzn-ErrorType` and `x-amzn-ErrorMessage`, as AWS's answers carry them. */
export function sendError(reply: FastifyReply, e: CognitoError, status = e.status): FastifyReply {
  return reply
    .status(status)
    .header('content-type', CONTENT_TYPE)
    .header('x-amzn-ErrorType', `${e.type}:`)
    .header('x-amzn-ErrorMessage', errorMessageHeader(e.message))
    .send(Buffer.from(JSON.stringify({ __type: e.type, message: e.message })));
}
