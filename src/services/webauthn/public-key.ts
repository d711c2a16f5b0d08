/**
 * A passkey's public key at rest: sealed together with the user and credential it belongs to, so
 * that a key swapped in the store, or a row moved to another user, does not open as theirs.
 */
import type { PasskeyRecord } from '../../domain/passkey.ts';
import type { Sealer } from '../sealing/sealer.ts';

export const sealPublicKey = (sealer: Sealer, sub: string, credentialId: string, key: Uint8Array): string =>
  sealer.seal(JSON.stringify({ sub, credentialId, key: Buffer.from(key).toString('base64url') }), 'passkey-public-key');

/** The key, or undefined if the sealed value is not this passkey's. Throws SealedValueError if it does not open. */
export function openPublicKey(sealer: Sealer, p: PasskeyRecord): Uint8Array<ArrayBuffer> | undefined {
  const { sub, credentialId, key } = JSON.parse(sealer.open(p.publicKey, 'passkey-public-key')) as { sub: string; credentialId: string; key: string };
  if (sub !== p.sub || credentialId !== p.credentialId) return undefined;
  return new Uint8Array(Buffer.from(key, 'base64url'));
}
