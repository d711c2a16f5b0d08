/**
 * A passkey's public key at rest: sealed together with the user and credential it belongs to, so
 * that a key swapped in the store, or a row moved to another user, does not open as theirs.
 */
import type { PasskeyRecord } from '../../domain/passkey.ts';
import type { Sealer } from '../sealing/sealer.ts';

export const sealPublicKey = (sealer: Sealer, sub: string, credentialId: string, key: Uint8Array): string =>
  sealer.seal(JSON.stringify({ sub, credentialId, key: Buffer.from(key).toString('base64url') }), 'passkey-public-key');

/**
 * The key, or undefined if the value is not this passkey's. A value in clear (none is written so,
 * but a row may be edited) is read as the sealed one would open, as other secrets in clear are, so
 * it too must name its user and credential id; anything else is no key. Throws SealedValueError if
 * it does not open.
 */
export function openPublicKey(sealer: Sealer, p: PasskeyRecord): Uint8Array<ArrayBuffer> | undefined {
  const opened = sealer.open(p.publicKey, 'passkey-public-key');
  let bound: unknown;
  try {
    bound = JSON.parse(opened);
  } catch {
    return undefined;
  }
  const { sub, credentialId, key } = (bound ?? {}) as { sub?: unknown; credentialId?: unknown; key?: unknown };
  if (sub !== p.sub || credentialId !== p.credentialId || typeof key !== 'string') return undefined;
  return new Uint8Array(Buffer.from(key, 'base64url'));
}
