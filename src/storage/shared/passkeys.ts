import type { PasskeyRecord } from '../../domain/passkey.ts';
import type { Row } from './rows.ts';

/** A passkeys row as a record (both adapters keep the same columns). */
export function passkeyFromRow(r: Row): PasskeyRecord {
  const p: PasskeyRecord = {
    poolId: r.pool_id as string,
    sub: r.sub as string,
    credentialId: r.credential_id as string,
    publicKey: r.public_key as string,
    counter: Number(r.counter),
    transports: JSON.parse(r.transports as string),
    friendlyName: r.friendly_name as string,
    relyingPartyId: r.relying_party_id as string,
    createdAt: Number(r.created_at),
  };
  if (r.attachment !== null && r.attachment !== undefined) p.attachment = r.attachment as string;
  return p;
}

/** The columns of a passkey, in the order of the INSERT statements. */
export const passkeyColumns = (p: PasskeyRecord) =>
  [p.poolId, p.sub, p.credentialId, p.publicKey, p.counter, JSON.stringify(p.transports), p.attachment ?? null, p.friendlyName, p.relyingPartyId, p.createdAt];

export const PASSKEY_INSERT_COLUMNS = 'pool_id, sub, credential_id, public_key, counter, transports, attachment, friendly_name, relying_party_id, created_at';
