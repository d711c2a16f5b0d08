import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { DeviceRecord } from '../domain/device.ts';
import { userMfa } from '../domain/mfa.ts';
import type { PasskeyRecord } from '../domain/passkey.ts';
import { userKeys, type UserRecord } from '../domain/user.ts';
import { cryptoRandom } from '../ground/random.ts';
import { masterKeyId, Sealer } from '../services/sealing/sealer.ts';
import { openDetails, sealDetails, readableDetails, detailsShown } from '../services/directory/identity-providers.ts';
import { openPublicKey, sealPublicKey } from '../services/webauthn/public-key.ts';
import { SqliteStore } from '../storage/sqlite/store.ts';
import { resealStore } from './reseal.ts';
import { resealUser } from './reseal-users.ts';

const POOL = 'us-east-1_RESEAL000';
const pool = { id: POOL, name: 'reseal', createdAt: 0, lastModifiedAt: 0, config: {} };
const [k1, k2, k3] = [randomBytes(32), randomBytes(32), randomBytes(32)];
const old = new Sealer(k1, [], cryptoRandom);
const rotated = new Sealer(k2, [k1], cryptoRandom);
const only2 = new Sealer(k2, [], cryptoRandom);
const lost = new Sealer(k3, [], cryptoRandom);

const user = (sub: string, over: Partial<UserRecord> = {}): UserRecord => ({
  poolId: POOL, sub, username: sub, status: 'CONFIRMED', enabled: true, attributes: { sub }, pending: {}, password: null, settings: {},
  createdAt: 1000, lastModifiedAt: 1000, version: 1, ...over,
});
const password = (s: Sealer) => ({ hash: s.seal('scrypt$hash', 'password-hash'), srpSalt: 'aa', srpVerifier: s.seal('ab01', 'srp-verifier'), setAt: 1, expiresAt: null });
const device = (sub: string, key: string, verifier: string): DeviceRecord => ({
  poolId: POOL, sub, key, groupKey: '-g', verifier, salt: 'aa', name: null, status: 'remembered', lastIp: null, createdAt: 1, lastModifiedAt: 1, lastAuthenticatedAt: 1,
});
const passkey = (sub: string, credentialId: string, publicKey: string): PasskeyRecord => ({
  poolId: POOL, sub, credentialId, publicKey, counter: 0, transports: [], friendlyName: 'Passkey', relyingPartyId: 'localhost', createdAt: 1,
});

describe('cognate reseal (resealStore)', () => {
  let store: SqliteStore;
  beforeEach(async () => {
    store = new SqliteStore(':memory:');
    await store.pools.create(pool);
    const add = (u: UserRecord) => store.users.create(u, userKeys(pool.config, u));
    // alice: everything under the old key; bob: a passwordless user, his TOTP secret in clear;
    // carol: under a key that is not configured; dave: already under the current key.
    await add(user('alice', { password: password(old), settings: { SoftwareToken: { secret: old.seal('ALICETOTP', 'totp-secret'), lastStep: 7 }, PendingSoftwareToken: { secret: old.seal('ALICENEXT', 'totp-secret') } } }));
    await add(user('bob', { settings: { SoftwareToken: { secret: 'BOBTOTPINCLEAR' }, UserMFASettingList: ['SOFTWARE_TOKEN_MFA'] } }));
    await add(user('carol', { password: password(lost), settings: { SoftwareToken: { secret: lost.seal('CAROLTOTP', 'totp-secret') } } }));
    await add(user('dave', { password: password(rotated) }));
    await store.devices.create(device('alice', 'us-east-1_a', old.seal('a1a1', 'device-verifier')));
    await store.devices.create(device('bob', 'us-east-1_b', 'b2b2'));
    await store.devices.create(device('carol', 'us-east-1_c', lost.seal('c3c3', 'device-verifier')));
    await store.devices.create(device('dave', 'us-east-1_d', rotated.seal('d4d4', 'device-verifier')));
    await store.passkeys.add(passkey('alice', 'pa', sealPublicKey(old, 'alice', 'pa', Buffer.from('alice key'))), 20);
    await store.passkeys.add(passkey('bob', 'pb', JSON.stringify({ sub: 'bob', credentialId: 'pb', key: Buffer.from('bob key').toString('base64url') })), 20);
    await store.passkeys.add(passkey('carol', 'pc', sealPublicKey(lost, 'carol', 'pc', Buffer.from('carol key'))), 20);
    await store.signingKeys.add({ poolId: POOL, kid: 'k', publicJwk: {}, privateKeyEnc: old.seal('PRIVATE', 'signing-key'), createdAt: 1, retiredAt: null });
  });
  afterEach(() => store.close());

  it('moves password records, TOTP secrets, device verifiers, passkey public keys and signing keys to the current key, counting each kind', async () => {
    const report = await resealStore(store, rotated);
    assert.equal(report.currentKeyId, masterKeyId(k2));
    assert.deepEqual(report.passwords, { resealed: 1, wereClear: 0, current: 1, unopenable: 1 });
    assert.deepEqual(report.totpSecrets, { resealed: 3, wereClear: 1, current: 0, unopenable: 1 }, "alice's verified and pending secrets, bob's in clear; carol's stays");
    assert.deepEqual(report.deviceVerifiers, { resealed: 2, wereClear: 1, current: 1, unopenable: 1 });
    assert.deepEqual(report.passkeyPublicKeys, { resealed: 2, wereClear: 1, current: 0, unopenable: 1 });
    assert.deepEqual(report.signingKeys, { resealed: 1, wereClear: 0, current: 0, unopenable: 0 });
    assert.deepEqual(report.missingKeyIds, [masterKeyId(k3)]);

    // Everything opens with the new key alone, for the same purpose, bound as before.
    const alice = (await store.users.get(POOL, 'alice'))!;
    assert.equal(only2.open(alice.password!.hash, 'password-hash'), 'scrypt$hash');
    assert.equal(only2.open(alice.password!.srpVerifier, 'srp-verifier'), 'ab01');
    assert.equal(only2.open(userMfa(alice).SoftwareToken!.secret, 'totp-secret'), 'ALICETOTP');
    assert.equal(userMfa(alice).SoftwareToken!.lastStep, 7, 'the step taken is kept');
    assert.equal(only2.open(userMfa(alice).PendingSoftwareToken!.secret, 'totp-secret'), 'ALICENEXT');
    assert.equal(alice.lastModifiedAt, 1000, 'bookkeeping: UserLastModifiedDate does not move');
    const bob = (await store.users.get(POOL, 'bob'))!;
    assert.equal(only2.open(userMfa(bob).SoftwareToken!.secret, 'totp-secret'), 'BOBTOTPINCLEAR', 'the secret in clear is sealed');
    assert.deepEqual(userMfa(bob).UserMFASettingList, ['SOFTWARE_TOKEN_MFA'], 'the rest of the settings kept');
    assert.equal(bob.password, null);
    assert.equal(only2.open((await store.devices.get(POOL, 'alice', 'us-east-1_a'))!.verifier, 'device-verifier'), 'a1a1');
    assert.equal(only2.open((await store.devices.get(POOL, 'bob', 'us-east-1_b'))!.verifier, 'device-verifier'), 'b2b2');
    assert.equal(Buffer.from(openPublicKey(only2, (await store.passkeys.get(POOL, 'alice', 'pa'))!)!).toString(), 'alice key');
    assert.equal(Buffer.from(openPublicKey(only2, (await store.passkeys.get(POOL, 'bob', 'pb'))!)!).toString(), 'bob key');
    assert.equal(only2.open((await store.signingKeys.list(POOL))[0].privateKeyEnc, 'signing-key'), 'PRIVATE');
    // What no configured key opens is left as it was.
    assert.equal((await store.devices.get(POOL, 'carol', 'us-east-1_c'))!.verifier.split('.')[1], masterKeyId(k3));
    assert.equal(userMfa((await store.users.get(POOL, 'carol'))!).SoftwareToken!.secret.split('.')[1], masterKeyId(k3));

    const again = await resealStore(store, rotated);
    for (const c of [again.passwords, again.totpSecrets, again.deviceVerifiers, again.passkeyPublicKeys, again.signingKeys]) assert.equal(c.resealed, 0, 'a second run has nothing to move');
    assert.deepEqual(again.totpSecrets, { resealed: 0, wereClear: 0, current: 3, unopenable: 1 });
  });

  it("moves identity providers' client secrets and private keys, each still bound to its provider", async () => {
    const provider = (name: string, type: 'Google' | 'SignInWithApple', details: Record<string, string>) =>
      ({ poolId: POOL, name, type, details, attributeMapping: {}, identifiers: [], createdAt: 1, lastModifiedAt: 1 });
    await store.identityProviders.create(provider('Google', 'Google', sealDetails(old, POOL, 'Google', { client_id: 'g', client_secret: 'GSECRET', authorize_scopes: 'openid' })));
    await store.identityProviders.create(provider('SignInWithApple', 'SignInWithApple', sealDetails(lost, POOL, 'SignInWithApple', { client_id: 'a', private_key: 'APPLEKEY' })));
    const report = await resealStore(store, rotated);
    assert.deepEqual(report.providerSecrets, { resealed: 1, wereClear: 0, current: 0, unopenable: 1 });
    const google = (await store.identityProviders.get(POOL, 'Google'))!;
    assert.equal(openDetails(only2, google).client_secret, 'GSECRET');
    assert.equal(google.details.client_id, 'g', 'the other details kept');
    assert.equal((await store.identityProviders.get(POOL, 'SignInWithApple'))!.details.private_key.split('.')[1], masterKeyId(k3), 'left as it was');
    assert.equal((await resealStore(store, rotated)).providerSecrets.current, 1, 'a second run has nothing to move');
    // Described with a secret no configured key opens: the secret left out, and no throw (never a 5xx).
    const lostApple = (await store.identityProviders.get(POOL, 'SignInWithApple'))!;
    assert.deepEqual(readableDetails(only2, lostApple), { client_id: 'a' });
    assert.equal(detailsShown(only2, google).client_secret, 'GSECRET');
  });

  it('keeps a change written meanwhile: the user is read again and resealed', async () => {
    const stale = (await store.users.get(POOL, 'alice'))!;
    const changed = { ...stale, attributes: { ...stale.attributes, email: 'alice@example.com' }, version: stale.version };
    assert.ok(await store.users.update(changed, userKeys(pool.config, changed)));
    const outcomes = await resealUser(store, rotated, pool, stale);
    assert.equal(outcomes.totpSecrets.length, 2);
    const alice = (await store.users.get(POOL, 'alice'))!;
    assert.equal(alice.attributes.email, 'alice@example.com', 'the concurrent change stays');
    assert.equal(only2.open(userMfa(alice).SoftwareToken!.secret, 'totp-secret'), 'ALICETOTP');
  });
});
