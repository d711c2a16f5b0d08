/**
 * Registering a passkey: StartWebAuthnRegistration's creation options, kept as a single-use
 * challenge in the store; CompleteWebAuthnRegistration's check of the authenticator's answer
 * against it (with @simplewebauthn/server), and the passkey stored.
 */
import { createHash } from 'node:crypto';
import { verifyRegistrationResponse } from '@simplewebauthn/server';
import type { ClientRecord } from '../../domain/client.ts';
import { friendlyName, MAX_PASSKEYS_PER_USER, originAllowed, type PasskeyRecord, type UserVerification } from '../../domain/passkey.ts';
import type { PoolRecord } from '../../domain/pool.ts';
import type { UserRecord } from '../../domain/user.ts';
import {
  malformedWebAuthnCredential, passkeyAlreadyRegistered, passkeyLimitReached, userNotFound, webAuthnChallengeNotFound, webAuthnClientMismatch,
  webAuthnCredentialNotSupported, webAuthnOriginNotAllowed, webAuthnRelyingPartyMismatch,
} from '../../errors/index.ts';
import type { Deps } from '../deps.ts';
import { clientData, registrationResponse, registrationRpIdHash, rpIdHash } from './credential-json.ts';
import { sealPublicKey } from './public-key.ts';
import { CEREMONY_TIMEOUT_MS, relyingPartyOf } from './relying-party.ts';

export type RegistrationDeps = Pick<Deps, 'store' | 'clock' | 'random' | 'sealer' | 'tokens'>;

/** The challenge's entry among the auth sessions: keyed by the challenge itself, which only its browser has. */
const CHALLENGE = 'WEB_AUTHN_REGISTRATION';
const challengeKey = (challenge: string) => createHash('sha256').update(`passkey-registration\0${challenge}`).digest('base64url');

interface RegistrationState {
  rpId: string;
  userVerification: UserVerification;
}

/** ES256, RS256 and EdDSA: what passkey providers make. */
const ALGORITHMS = [-7, -257, -8];

/** The user handle: the sub, which names the user for good (usernames may be reused after a deletion). */
export const userHandle = (user: UserRecord) => Buffer.from(user.sub, 'utf8').toString('base64url');

export async function startRegistration(deps: RegistrationDeps, pool: PoolRecord, client: ClientRecord, user: UserRecord): Promise<Record<string, unknown>> {
  const rp = relyingPartyOf(pool, deps.tokens.issuer(pool.id));
  const existing = (await deps.store.passkeys.list(pool.id, user.sub, { limit: MAX_PASSKEYS_PER_USER })).items;
  if (existing.length >= MAX_PASSKEYS_PER_USER) throw passkeyLimitReached(MAX_PASSKEYS_PER_USER);
  const challenge = deps.random.bytes(32).toString('base64url');
  const now = deps.clock.now();
  const state: RegistrationState = { rpId: rp.id, userVerification: rp.userVerification };
  await deps.store.authSessions.put({
    hash: challengeKey(challenge), poolId: pool.id, clientId: client.clientId, sub: user.sub, challenge: CHALLENGE, state: { ...state },
    createdAt: now, expiresAt: now + CEREMONY_TIMEOUT_MS,
  });
  const name = user.attributes.email ?? user.username;
  return {
    challenge,
    rp: { id: rp.id, name: rp.name },
    user: { id: userHandle(user), name, displayName: user.attributes.name ?? name },
    pubKeyCredParams: ALGORITHMS.map((alg) => ({ type: 'public-key', alg })),
    timeout: CEREMONY_TIMEOUT_MS,
    // The user's passkeys already registered: the authenticator refuses to make a second one.
    excludeCredentials: existing.map((p) => ({ type: 'public-key', id: p.credentialId, transports: p.transports })),
    // A discoverable credential, so that it signs in without a username too.
    authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: rp.userVerification },
    attestation: 'none',
    extensions: { credProps: true },
  };
}

export async function completeRegistration(deps: RegistrationDeps, pool: PoolRecord, client: ClientRecord, user: UserRecord, credential: unknown): Promise<void> {
  const response = registrationResponse(credential);
  const data = clientData(response);
  if (data.type !== 'webauthn.create') throw malformedWebAuthnCredential('clientDataJSON is not of a registration');
  const session = await deps.store.authSessions.take(challengeKey(data.challenge), deps.clock.now());
  if (!session || session.challenge !== CHALLENGE || session.poolId !== pool.id || session.sub !== user.sub) throw webAuthnChallengeNotFound();
  if (session.clientId !== client.clientId) throw webAuthnClientMismatch();
  const { rpId, userVerification } = session.state as unknown as RegistrationState;
  if (!originAllowed(data.origin, rpId)) throw webAuthnOriginNotAllowed(data.origin);
  if (!registrationRpIdHash(response).equals(rpIdHash(rpId))) throw webAuthnRelyingPartyMismatch();

  let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verified = await verifyRegistrationResponse({
      response, expectedChallenge: data.challenge, expectedOrigin: data.origin, expectedRPID: rpId,
      requireUserVerification: userVerification === 'required', supportedAlgorithmIDs: ALGORITHMS,
    });
  } catch (e) {
    throw webAuthnCredentialNotSupported((e as Error).message);
  }
  if (!verified.verified) throw webAuthnCredentialNotSupported('the attestation does not verify');
  const info = verified.registrationInfo;
  const passkey: PasskeyRecord = {
    poolId: pool.id, sub: user.sub, credentialId: info.credential.id,
    publicKey: sealPublicKey(deps.sealer, user.sub, info.credential.id, info.credential.publicKey),
    counter: info.credential.counter, transports: response.response.transports ?? [],
    friendlyName: friendlyName(info.aaguid, response.authenticatorAttachment), relyingPartyId: rpId, createdAt: deps.clock.now(),
  };
  if (response.authenticatorAttachment) passkey.attachment = response.authenticatorAttachment;
  switch (await deps.store.passkeys.add(passkey, MAX_PASSKEYS_PER_USER)) {
    case 'exists':
      throw passkeyAlreadyRegistered();
    case 'limit':
      throw passkeyLimitReached(MAX_PASSKEYS_PER_USER);
    case 'no-user':
      throw userNotFound();
  }
}
