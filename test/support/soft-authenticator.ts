/**
 * A passkey authenticator in software, for tests that drive passkey operations without a browser:
 * an ES256 key pair per credential, a `none` attestation (what passkey providers send by default),
 * and assertions signed over authenticator data and the client data's hash, as WebAuthn Level 3
 * specifies them (https://www.w3.org/TR/webauthn-3/#sctn-op-make-cred, #sctn-op-get-assertion).
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

const b64url = (b: Uint8Array) => Buffer.from(b).toString('base64url');
const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest();

export interface Ceremony {
  /** The browser's origin; default http://localhost:5173. */
  origin?: string;
  /** The relying party the authenticator signs for; default the options'. */
  rpId?: string;
  /** User verified (biometrics, PIN); default true. */
  uv?: boolean;
}

export interface SoftCredential {
  id: string;
  privateKey: KeyObject;
  rpId: string;
  userHandle: string;
  counter: number;
}

function flags(uv: boolean, attested: boolean): number {
  return 0x01 | (uv ? 0x04 : 0) | (attested ? 0x40 : 0);
}

function counterBytes(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

/** The COSE_Key of an EC2 P-256 public key (RFC 9053): kty 2, alg -7, crv 1, x, y. */
function coseKey(publicKey: KeyObject): Uint8Array {
  const jwk = publicKey.export({ format: 'jwk' });
  return isoCBOR.encode(new Map<number, number | Uint8Array>([[1, 2], [3, -7], [-1, 1], [-2, Buffer.from(jwk.x!, 'base64url')], [-3, Buffer.from(jwk.y!, 'base64url')]]));
}

/** A RegistrationResponseJSON answering CredentialCreationOptions, and the credential to sign in with. */
export function register(options: any, c: Ceremony & { counter?: number } = {}): { response: any; credential: SoftCredential } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const id = randomBytes(16);
  const rpId = c.rpId ?? options.rp.id;
  const counter = c.counter ?? 0;
  const idLength = Buffer.alloc(2);
  idLength.writeUInt16BE(id.length);
  const authData = Buffer.concat([sha256(rpId), Buffer.from([flags(c.uv ?? true, true)]), counterBytes(counter), Buffer.alloc(16), idLength, id, coseKey(publicKey)]);
  const clientDataJSON = JSON.stringify({ type: 'webauthn.create', challenge: options.challenge, origin: c.origin ?? 'http://localhost:5173', crossOrigin: false });
  const attestationObject = isoCBOR.encode(new Map<string, unknown>([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]) as never);
  return {
    response: {
      id: b64url(id), rawId: b64url(id), type: 'public-key', authenticatorAttachment: 'platform', clientExtensionResults: {},
      response: { clientDataJSON: b64url(Buffer.from(clientDataJSON)), attestationObject: b64url(attestationObject), transports: ['internal', 'hybrid'] },
    },
    credential: { id: b64url(id), privateKey, rpId, userHandle: options.user.id, counter },
  };
}

/** An AuthenticationResponseJSON answering CREDENTIAL_REQUEST_OPTIONS; the counter moves on by one. */
export function assert(credential: SoftCredential, options: any, c: Ceremony & { counter?: number } = {}): any {
  credential.counter = c.counter ?? credential.counter + 1;
  const authData = Buffer.concat([sha256(c.rpId ?? options.rpId), Buffer.from([flags(c.uv ?? true, false)]), counterBytes(credential.counter)]);
  const clientDataJSON = Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge: options.challenge, origin: c.origin ?? 'http://localhost:5173', crossOrigin: false }));
  const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), credential.privateKey);
  return {
    id: credential.id, rawId: credential.id, type: 'public-key', authenticatorAttachment: 'platform', clientExtensionResults: {},
    response: { clientDataJSON: b64url(clientDataJSON), authenticatorData: b64url(authData), signature: b64url(signature), userHandle: credential.userHandle },
  };
}
