/** The pool's relying party, as registration and sign-in use it (domain/passkey.ts has the rules). */
import type { PoolRecord } from '../../domain/pool.ts';
import { passkeysEnabled, relyingPartyId, webAuthnSettings, type UserVerification } from '../../domain/passkey.ts';
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
  return { id, name: pool.name, userVerification: webAuthnSettings(pool.config).UserVerification ?? 'preferred' };
}

/** How long a browser may take over a ceremony (and how long its challenge lives): as a sign-in session, 3 minutes. */
export const CEREMONY_TIMEOUT_MS = 180_000;
