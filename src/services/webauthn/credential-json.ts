/**
 * The credentials a client sends (RegistrationResponseJSON to CompleteWebAuthnRegistration,
 * AuthenticationResponseJSON as WEB_AUTHN's CREDENTIAL), checked for shape before anything is
 * verified, and the parts of them Cognate reads itself to tell its errors apart: the client data
 * (type, challenge, origin) and the relying party the authenticator signed for.
 */
import { createHash } from 'node:crypto';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { decodeAttestationObject } from '@simplewebauthn/server/helpers';
import { malformedWebAuthnCredential } from '../../errors/index.ts';

const B64URL = /^[A-Za-z0-9_-]*={0,2}$/;
const MAX_FIELD = 64 * 1024;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function base64url(o: Record<string, unknown>, name: string, optional = false): void {
  const v = o[name];
  if (v === undefined && optional) return;
  if (typeof v !== 'string' || v.length === 0 || v.length > MAX_FIELD || !B64URL.test(v)) throw malformedWebAuthnCredential(`${name} is not base64url`);
}

function common(credential: unknown): { c: Record<string, unknown>; response: Record<string, unknown> } {
  if (!isObject(credential)) throw malformedWebAuthnCredential('not a JSON object');
  base64url(credential, 'id');
  base64url(credential, 'rawId');
  if (credential.type !== 'public-key') throw malformedWebAuthnCredential('type is not public-key');
  if (!isObject(credential.response)) throw malformedWebAuthnCredential('no response');
  base64url(credential.response, 'clientDataJSON');
  if (credential.authenticatorAttachment !== undefined && credential.authenticatorAttachment !== 'platform' && credential.authenticatorAttachment !== 'cross-platform') {
    throw malformedWebAuthnCredential('authenticatorAttachment is neither platform nor cross-platform');
  }
  return { c: credential, response: credential.response };
}

export function registrationResponse(credential: unknown): RegistrationResponseJSON {
  const { c, response } = common(credential);
  base64url(response, 'attestationObject');
  const t = response.transports;
  if (t !== undefined && !(Array.isArray(t) && t.length <= 10 && t.every((x) => typeof x === 'string' && x.length <= 32))) throw malformedWebAuthnCredential('transports is not a list of names');
  return c as unknown as RegistrationResponseJSON;
}

export function authenticationResponse(credential: unknown): AuthenticationResponseJSON {
  const { c, response } = common(credential);
  base64url(response, 'authenticatorData');
  base64url(response, 'signature');
  base64url(response, 'userHandle', true);
  return c as unknown as AuthenticationResponseJSON;
}

export interface ClientData {
  type: string;
  challenge: string;
  origin: string;
}

export function clientData(response: { response: { clientDataJSON: string } }): ClientData {
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(response.response.clientDataJSON, 'base64url').toString('utf8'));
  } catch {
    throw malformedWebAuthnCredential('clientDataJSON is not JSON');
  }
  if (!isObject(data) || typeof data.type !== 'string' || typeof data.challenge !== 'string' || typeof data.origin !== 'string') {
    throw malformedWebAuthnCredential('clientDataJSON lacks type, challenge or origin');
  }
  return { type: data.type, challenge: data.challenge, origin: data.origin };
}

/** The relying party id hash the authenticator signed (the first 32 bytes of authenticator data). */
function rpIdHashOf(authData: Uint8Array): Buffer {
  if (authData.length < 37) throw malformedWebAuthnCredential('authenticator data is too short');
  return Buffer.from(authData.subarray(0, 32));
}

export function registrationRpIdHash(r: RegistrationResponseJSON): Buffer {
  let authData: Uint8Array;
  try {
    authData = decodeAttestationObject(Buffer.from(r.response.attestationObject, 'base64url')).get('authData');
  } catch {
    throw malformedWebAuthnCredential('attestationObject is not CBOR');
  }
  if (!(authData instanceof Uint8Array)) throw malformedWebAuthnCredential('attestationObject has no authData');
  return rpIdHashOf(authData);
}

export const assertionRpIdHash = (r: AuthenticationResponseJSON): Buffer => rpIdHashOf(Buffer.from(r.response.authenticatorData, 'base64url'));

export const rpIdHash = (rpId: string): Buffer => createHash('sha256').update(rpId).digest();
