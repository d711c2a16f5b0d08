/**
 * Signing in with a passkey: the request options of the WEB_AUTHN challenge, and the check of the
 * authenticator's assertion against the user's stored passkey (with @simplewebauthn/server): the
 * challenge, origin, relying party, signature, user verification as the pool asks, and a signature
 * counter that must move forward (a cloned authenticator, or a replayed answer, does not).
 */
import { verifyAuthenticationResponse } from '@simplewebauthn/server';
import type { FastifyBaseLogger } from 'fastify';
import { MAX_PASSKEYS_PER_USER, originAllowed, type PasskeyRecord, type UserVerification } from '../../domain/passkey.ts';
import type { PoolRecord } from '../../domain/pool.ts';
import type { UserRecord } from '../../domain/user.ts';
import { passkeyNotVerified } from '../../errors/index.ts';
import type { Deps } from '../deps.ts';
import { SealedValueError } from '../sealing/sealer.ts';
import { assertionRpIdHash, authenticationResponse, clientData, rpIdHash } from './credential-json.ts';
import { openPublicKey } from './public-key.ts';
import { userHandle } from './registration.ts';
import { CEREMONY_TIMEOUT_MS, relyingPartyOf, type RelyingParty } from './relying-party.ts';

export type AssertionDeps = Pick<Deps, 'store' | 'clock' | 'random' | 'sealer' | 'tokens'>;

/** What a WEB_AUTHN challenge's session keeps to check the answer. */
export interface AssertionState {
  challenge: string;
  rpId: string;
  userVerification: UserVerification;
}

/** The user's passkeys for the pool's relying party. */
export async function userPasskeys(deps: Pick<Deps, 'store' | 'tokens'>, pool: PoolRecord, user: UserRecord): Promise<PasskeyRecord[]> {
  return (await deps.store.passkeys.list(pool.id, user.sub, { limit: MAX_PASSKEYS_PER_USER })).items;
}

/** A fresh challenge and the CREDENTIAL_REQUEST_OPTIONS for it (PublicKeyCredentialRequestOptionsJSON). */
export async function assertionOptions(deps: AssertionDeps, pool: PoolRecord, user: UserRecord): Promise<{ state: AssertionState; options: Record<string, unknown> }> {
  const rp = relyingPartyOf(pool, deps.tokens.issuer(pool.id));
  const passkeys = (await userPasskeys(deps, pool, user)).filter((p) => p.relyingPartyId === rp.id);
  return requestOptions(deps, rp, passkeys.map((p) => ({ type: 'public-key', id: p.credentialId, transports: p.transports })));
}

/** Credential id lengths authenticators commonly make (platform and roaming), and their transports. */
const STAND_IN_SHAPES = [
  { bytes: 16, transports: ['internal', 'hybrid'] },
  { bytes: 20, transports: ['internal'] },
  { bytes: 32, transports: ['hybrid', 'internal'] },
  { bytes: 32, transports: ['nfc', 'usb'] },
] as const;

/**
 * The options a name no user holds is shown, where the client hides who exists: one passkey id,
 * made up from the name's stand-in bytes (the same every time), its length and transports drawn
 * from those of common authenticators, as a user's would be listed.
 */
export function standInAssertionOptions(deps: AssertionDeps, pool: PoolRecord, standInBytes: Buffer): { state: AssertionState; options: Record<string, unknown> } {
  const rp = relyingPartyOf(pool, deps.tokens.issuer(pool.id));
  const shape = STAND_IN_SHAPES[standInBytes[31] % STAND_IN_SHAPES.length];
  return requestOptions(deps, rp, [{ type: 'public-key', id: standInBytes.subarray(0, shape.bytes).toString('base64url'), transports: [...shape.transports] }]);
}

function requestOptions(deps: Pick<AssertionDeps, 'random'>, rp: RelyingParty, allowCredentials: { type: 'public-key'; id: string; transports?: string[] }[]) {
  const challenge = deps.random.bytes(32).toString('base64url');
  return {
    state: { challenge, rpId: rp.id, userVerification: rp.userVerification },
    options: { challenge, timeout: CEREMONY_TIMEOUT_MS, rpId: rp.id, allowCredentials, userVerification: rp.userVerification },
  };
}

/**
 * Checks the answer; throws NotAuthorizedException unless it proves one of the user's passkeys. A
 * public key that no configured master key opens (the database moved without its key) is logged,
 * and answered as a wrong passkey.
 */
export async function verifyAssertion(
  deps: AssertionDeps,
  log: Pick<FastifyBaseLogger, 'error'>,
  pool: PoolRecord,
  user: UserRecord,
  state: AssertionState,
  credential: unknown,
): Promise<void> {
  const response = authenticationResponse(credential);
  const data = clientData(response);
  if (data.type !== 'webauthn.get' || data.challenge !== state.challenge || !originAllowed(data.origin, state.rpId)) throw passkeyNotVerified();
  if (!assertionRpIdHash(response).equals(rpIdHash(state.rpId))) throw passkeyNotVerified();
  if (response.response.userHandle !== undefined && response.response.userHandle !== userHandle(user)) throw passkeyNotVerified();
  const passkey = await deps.store.passkeys.get(pool.id, user.sub, response.id);
  if (!passkey || passkey.relyingPartyId !== state.rpId) throw passkeyNotVerified();
  let publicKey: Uint8Array<ArrayBuffer> | undefined;
  try {
    publicKey = openPublicKey(deps.sealer, passkey);
  } catch (e) {
    if (!(e instanceof SealedValueError)) throw e;
    log.error({ userPoolId: pool.id, sub: user.sub, credentialId: passkey.credentialId, masterKeyId: e.keyId }, `cannot check the passkey: ${e.message}`);
  }
  if (!publicKey) throw passkeyNotVerified();
  let verified: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    verified = await verifyAuthenticationResponse({
      response, expectedChallenge: state.challenge, expectedOrigin: data.origin, expectedRPID: state.rpId,
      credential: { id: passkey.credentialId, publicKey, counter: passkey.counter, transports: passkey.transports },
      requireUserVerification: state.userVerification === 'required',
    });
  } catch {
    throw passkeyNotVerified();
  }
  if (!verified.verified) throw passkeyNotVerified();
  if (!(await deps.store.passkeys.advanceCounter(pool.id, user.sub, passkey.credentialId, verified.authenticationInfo.newCounter))) throw passkeyNotVerified();
}
