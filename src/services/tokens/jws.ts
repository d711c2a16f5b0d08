/** Compact JWS (RFC 7515), the form of Cognito's access and ID tokens: signing and decoding. */
import { sign as signCb, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';

const BASE64URL = /^[A-Za-z0-9_-]+$/;

export interface Jws {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signed: string;
  signature: string;
}

const signAsync = promisify(signCb);
const base64urlJson = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A compact RS256 JWS of `payload` under `key`, as jose's SignJWT makes one: the header as given,
 * the claims in their own order. RSASSA-PKCS1-v1_5 is deterministic, so the token is the same,
 * byte for byte. Signed through the callback form, in the thread pool as jose's WebCrypto path
 * was: an RSA private-key operation takes most of a millisecond, and every sign-in and refresh
 * makes two of them, which would otherwise hold up every other request.
 */
export async function signRs256(header: { alg: 'RS256'; kid: string }, payload: Record<string, unknown>, key: KeyObject): Promise<string> {
  const signed = `${base64urlJson(header)}.${base64urlJson(payload)}`;
  const signature = await signAsync('sha256', Buffer.from(signed), key);
  return `${signed}.${signature.toString('base64url')}`;
}

/** A compact JWS's three parts, its header and payload decoded; undefined when it is not one. */
export function parseCompact(token: string): Jws | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => BASE64URL.test(p))) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
    if (!isObject(header) || !isObject(payload)) return undefined;
    return { header, payload, signed: `${parts[0]}.${parts[1]}`, signature: parts[2] };
  } catch {
    return undefined;
  }
}
