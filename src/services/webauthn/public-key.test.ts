import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import type { PasskeyRecord } from '../../domain/passkey.ts';
import { cryptoRandom } from '../../ground/random.ts';
import { SealedValueError, Sealer } from '../sealing/sealer.ts';
import { openPublicKey, sealPublicKey } from './public-key.ts';

const sealer = new Sealer(randomBytes(32), [], cryptoRandom);
const record = (publicKey: string, over: Partial<PasskeyRecord> = {}): PasskeyRecord => ({
  poolId: 'us-east-1_PK0000000', sub: 'alice', credentialId: 'cred', publicKey, counter: 0, transports: [], friendlyName: 'Passkey', relyingPartyId: 'localhost', createdAt: 1, ...over,
});
const key = Buffer.from('a COSE key');

describe("a passkey's public key at rest", () => {
  it('opens for its own user and credential only', () => {
    const sealed = sealPublicKey(sealer, 'alice', 'cred', key);
    assert.deepEqual(Buffer.from(openPublicKey(sealer, record(sealed))!), key);
    assert.equal(openPublicKey(sealer, record(sealed, { sub: 'mallory' })), undefined, 'a row moved to another user');
    assert.equal(openPublicKey(sealer, record(sealed, { credentialId: 'other' })), undefined, "another credential's row");
  });

  it('reads a value in clear as the sealed one would open, bound the same way; anything else is no key, never an exception', () => {
    const clear = JSON.stringify({ sub: 'alice', credentialId: 'cred', key: key.toString('base64url') });
    assert.deepEqual(Buffer.from(openPublicKey(sealer, record(clear))!), key);
    assert.equal(openPublicKey(sealer, record(clear, { sub: 'mallory' })), undefined);
    for (const junk of [key.toString('base64url'), 'null', '[]', '{"sub":"alice","credentialId":"cred"}', '']) assert.equal(openPublicKey(sealer, record(junk)), undefined, junk);
  });

  it('throws SealedValueError under a key that is not configured', () => {
    const other = sealPublicKey(new Sealer(randomBytes(32), [], cryptoRandom), 'alice', 'cred', key);
    assert.throws(() => openPublicKey(sealer, record(other)), SealedValueError);
  });
});
