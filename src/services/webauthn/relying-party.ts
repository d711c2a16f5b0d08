/** The pool's relying party, as registration and sign-in use it (domain/passkey.ts has the rules). */
import type { PoolRecord } from '../../domain/pool.ts';
import { passkeysEnabled, relyingPartyId, webAuthnSettings, type UserVerification } from '../../domain/passkey.ts';
import { passkeyCountsAsMfa } from '../../domain/sign-in-policy.ts';
import { webAuthnConfigurationMissing, webAuthnNotEnabled } from '../../errors/index.ts';

export interface RelyingParty {
  id: string;
  /** What authenticators show the user: the pool's name. */
  name: string;
  userVerification: UserVerification;
}

/** Throws WebAuthnNotEnabledException or WebAuthnConfigurationMissingException as AWS does. */
export function relyingPartyOf(pool: PoolRecord, issuerUrl: string): RelyingParty {
  if (!passkeysEnabled(pool.config)) throw webAuthnNotEnabled();
  const id = relyingPartyId(pool.config, issuerUrl);
  if (!id) throw webAuthnConfigurationMissing();
  // A passkey that stands in for MFA must show the user was verified, whatever the pool prefers.
  const userVerification = passkeyCountsAsMfa(pool.config) ? 'required' : (webAuthnSettings(pool.config).UserVerification ?? 'preferred');
  return { id, name: pool.name, userVerification };
}

/** How long a browser may take over a ceremony (and how long its challenge lives): as a sign-in session, 3 minutes. */
export const CEREMONY_TIMEOUT_MS = 180_000;
