/**
 * Remembered devices through the AWS SDK: NewDeviceMetadata at sign-in, ConfirmDevice, the device
 * operations (and their Admin forms), DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER for a remembered
 * device, refresh tied to the device, ForgetDevice revoking what was issued to it.
 * Sources: https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html
 * ("Amazon Cognito includes a device key in the response to any sign-in that doesn't already include
 * device information", "Region_UUID"); the AWS CLI's get-device example for DeviceType
 * (https://awscli.amazonaws.com/v2/documentation/api/latest/reference/cognito-idp/get-device.html);
 * https://aws.amazon.com/blogs/mobile/tracking-and-remembering-devices-using-amazon-cognito-your-user-pools/
 * (refresh tokens tied to a device; ForgetDevice makes them fail).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AdminDeleteUserCommand, AdminForgetDeviceCommand, AdminGetDeviceCommand, AdminListDevicesCommand, AdminUpdateDeviceStatusCommand, ConfirmDeviceCommand,
  ForgetDeviceCommand, GetDeviceCommand, GetTokensFromRefreshTokenCommand, GetUserCommand, GlobalSignOutCommand, InitiateAuthCommand, ListDevicesCommand,
  UpdateDeviceStatusCommand, type AuthenticationResultType, type DeviceConfigurationType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { ClientRecord } from '../../src/domain/client.ts';
import type { PoolRecord } from '../../src/domain/pool.ts';
import { randomBytes } from 'node:crypto';
import { cryptoRandom } from '../../src/ground/random.ts';
import { Sealer } from '../../src/services/sealing/sealer.ts';
import { answerDeviceChallenge, newDeviceVerifier, type DeviceSecret } from '../support/device-srp.ts';
import { claimsOf, createClient, createPool, createTestUser, rejectsWith, startTestbed, type Testbed } from '../support/testbed.ts';

const ALWAYS: DeviceConfigurationType = { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false };
const OPT_IN: DeviceConfigurationType = { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true };

describe('remembered devices', () => {
  let tb: Testbed;
  before(async () => {
    tb = await startTestbed();
  });
  after(() => tb.close());

  interface Setup { pool: PoolRecord; client: ClientRecord }
  async function setup(DeviceConfiguration?: DeviceConfigurationType, users = ['alice', 'bob']): Promise<Setup> {
    const pool = await createPool(tb, DeviceConfiguration ? { DeviceConfiguration } : {});
    const client = await createClient(tb, pool);
    for (const username of users) await createTestUser(tb, pool, { username, password: 'Passw0rd!' });
    return { pool, client };
  }
  const signIn = (s: Setup, username: string, deviceKey?: string) =>
    tb.cognito.send(new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH', ClientId: s.client.clientId,
      AuthParameters: { USERNAME: username, PASSWORD: 'Passw0rd!', ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}) },
    }));
  /** Signs in on a new device and confirms it; answers the tokens and what the device keeps. */
  async function confirmNewDevice(s: Setup, username: string, DeviceName = 'phone') {
    const result = (await signIn(s, username)).AuthenticationResult!;
    const meta = result.NewDeviceMetadata!;
    const { secret, config } = await newDeviceVerifier(s.pool.id, meta.DeviceKey!, meta.DeviceGroupKey!);
    const confirmed = await tb.cognito.send(new ConfirmDeviceCommand({ AccessToken: result.AccessToken!, DeviceKey: meta.DeviceKey!, DeviceSecretVerifierConfig: config, DeviceName }));
    return { result, secret, confirmed };
  }
  /** Signs in naming a remembered device and proves it; answers the tokens. */
  async function signInWithDevice(s: Setup, username: string, device: DeviceSecret): Promise<AuthenticationResultType> {
    const first = await signIn(s, username, device.key);
    assert.equal(first.ChallengeName, 'DEVICE_SRP_AUTH');
    const done = await answerDeviceChallenge(tb.cognito, s.client.clientId, username, device, first.Session!);
    return done.AuthenticationResult!;
  }
  const attributes = (d: { DeviceAttributes?: { Name?: string; Value?: string }[] }) => Object.fromEntries(d.DeviceAttributes!.map((a) => [a.Name, a.Value]));

  it('issues no device in a pool without DeviceConfiguration', async () => {
    const s = await setup();
    const result = (await signIn(s, 'alice')).AuthenticationResult!;
    assert.equal(result.NewDeviceMetadata, undefined);
    assert.equal(claimsOf(result.AccessToken!).device_key, undefined);
  });

  it('issues a device key at sign-in; ConfirmDevice remembers it; it then signs in with its own SRP, and gets no new key', async () => {
    const s = await setup(ALWAYS);
    const { result, secret, confirmed } = await confirmNewDevice(s, 'alice');
    assert.match(result.NewDeviceMetadata!.DeviceKey!, /^us-east-1_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.ok(result.NewDeviceMetadata!.DeviceGroupKey);
    assert.equal(claimsOf(result.AccessToken!).device_key, secret.key, "the access token names its device");
    assert.equal(confirmed.UserConfirmationNecessary, false, 'remembered at once without DeviceOnlyRememberedOnUserPrompt');

    const { Device } = await tb.cognito.send(new GetDeviceCommand({ AccessToken: result.AccessToken!, DeviceKey: secret.key }));
    assert.equal(Device!.DeviceKey, secret.key);
    assert.deepEqual(attributes(Device!), {
      device_status: 'valid', device_name: 'phone', 'dev:device_arn': `arn:aws:cognito-idp:us-east-1:000000000000:owner/alice.${s.pool.id}/device/${secret.key}`,
      'dev:device_owner': `alice.${s.pool.id}`, last_ip_used: '127.0.0.1', 'dev:device_remembered_status': 'remembered',
    });
    for (const d of [Device!.DeviceCreateDate, Device!.DeviceLastModifiedDate, Device!.DeviceLastAuthenticatedDate]) assert.ok(d instanceof Date && Math.abs(d.getTime() - Date.now()) < 60_000);

    tb.clock.offset += 5_000;
    const again = await signInWithDevice(s, 'alice', secret);
    assert.equal(again.NewDeviceMetadata, undefined, 'a sign-in that used a device key gets no new one');
    assert.equal(claimsOf(again.AccessToken!).device_key, secret.key);
    const after = (await tb.cognito.send(new GetDeviceCommand({ AccessToken: again.AccessToken!, DeviceKey: secret.key }))).Device!;
    assert.ok(after.DeviceLastAuthenticatedDate!.getTime() >= Device!.DeviceLastAuthenticatedDate!.getTime() + 5_000, 'the device sign-in is recorded');
  });

  it("answers a device whose verifier no configured master key opens as one the user does not have, so that the client forgets it and signs in without it", async () => {
    const s = await setup(ALWAYS);
    const { secret } = await confirmNewDevice(s, 'alice');
    // The database moved without its key: the verifier is sealed under one this server does not hold.
    const stored = (await tb.app.store.devices.get(s.pool.id, (await tb.app.store.users.getByUsername(s.pool.id, 'alice'))!.sub, secret.key))!;
    const elsewhere = new Sealer(randomBytes(32), [], cryptoRandom).seal('ab'.repeat(256), 'device-verifier');
    assert.ok(await tb.app.store.devices.reseal(s.pool.id, stored.sub, stored.key, stored.verifier, elsewhere));
    const first = await signIn(s, 'alice', secret.key);
    assert.equal(first.ChallengeName, 'DEVICE_SRP_AUTH');
    await rejectsWith(answerDeviceChallenge(tb.cognito, s.client.clientId, 'alice', secret, first.Session!), 'ResourceNotFoundException', 'Device does not exist.');
    assert.ok((await signIn(s, 'alice')).AuthenticationResult!.NewDeviceMetadata, 'without it: a new device');
  });

  it('refuses a wrong device proof, and devices the user does not have', async () => {
    const s = await setup(ALWAYS);
    const { secret } = await confirmNewDevice(s, 'alice');
    const first = await signIn(s, 'alice', secret.key);
    await rejectsWith(answerDeviceChallenge(tb.cognito, s.client.clientId, 'alice', secret, first.Session!, 'not-the-device-password'), 'NotAuthorizedException', 'Incorrect username or password.');
    // Clients forget a device answered so and sign in again without it (amplify-js retryOnResourceNotFoundException).
    await rejectsWith(signIn(s, 'bob', secret.key), 'ResourceNotFoundException', 'Device does not exist.');
    await rejectsWith(signIn(s, 'alice', 'us-east-1_00000000-0000-4000-8000-000000000000'), 'ResourceNotFoundException', 'Device does not exist.');
  });

  it('ConfirmDevice takes only the key its access token was issued with, once, with a usable verifier', async () => {
    const s = await setup(ALWAYS);
    const a = (await signIn(s, 'alice')).AuthenticationResult!;
    const b = (await signIn(s, 'alice')).AuthenticationResult!;
    const { config } = await newDeviceVerifier(s.pool.id, a.NewDeviceMetadata!.DeviceKey!, a.NewDeviceMetadata!.DeviceGroupKey!);
    const confirm = (AccessToken: string, DeviceKey: string, c = config) => tb.cognito.send(new ConfirmDeviceCommand({ AccessToken, DeviceKey, DeviceSecretVerifierConfig: c }));
    await rejectsWith(confirm(b.AccessToken!, a.NewDeviceMetadata!.DeviceKey!), 'InvalidParameterException', 'Invalid device key given.');
    await rejectsWith(confirm(a.AccessToken!, a.NewDeviceMetadata!.DeviceKey!, { Salt: config.Salt, PasswordVerifier: 'AQ==' }), 'InvalidParameterException', /DeviceSecretVerifierConfig/);
    await rejectsWith(tb.cognito.send(new ConfirmDeviceCommand({ AccessToken: a.AccessToken!, DeviceKey: a.NewDeviceMetadata!.DeviceKey! })), 'InvalidParameterException', /DeviceSecretVerifierConfig/);
    await confirm(a.AccessToken!, a.NewDeviceMetadata!.DeviceKey!);
    await rejectsWith(confirm(a.AccessToken!, a.NewDeviceMetadata!.DeviceKey!), 'DeviceKeyExistsException');
    const row = await tb.app.store.devices.get(s.pool.id, claimsOf(a.AccessToken!).sub as string, a.NewDeviceMetadata!.DeviceKey!);
    assert.match(row!.verifier, /^v2\./, 'the verifier is sealed at rest');
  });

  it('with DeviceOnlyRememberedOnUserPrompt, a confirmed device waits for UpdateDeviceStatus before it is asked to prove itself', async () => {
    const s = await setup(OPT_IN);
    const { result, secret, confirmed } = await confirmNewDevice(s, 'alice');
    assert.equal(confirmed.UserConfirmationNecessary, true);
    const tracked = await signIn(s, 'alice', secret.key);
    assert.equal(tracked.ChallengeName, undefined, 'a device not remembered is tracked only');
    assert.equal(tracked.AuthenticationResult!.NewDeviceMetadata, undefined);
    assert.equal(claimsOf(tracked.AuthenticationResult!.AccessToken!).device_key, secret.key);
    await tb.cognito.send(new UpdateDeviceStatusCommand({ AccessToken: result.AccessToken!, DeviceKey: secret.key, DeviceRememberedStatus: 'remembered' }));
    assert.equal(attributes((await tb.cognito.send(new GetDeviceCommand({ AccessToken: result.AccessToken!, DeviceKey: secret.key }))).Device!)['dev:device_remembered_status'], 'remembered');
    await signInWithDevice(s, 'alice', secret);
    await tb.cognito.send(new AdminUpdateDeviceStatusCommand({ UserPoolId: s.pool.id, Username: 'alice', DeviceKey: secret.key, DeviceRememberedStatus: 'not_remembered' }));
    assert.equal((await signIn(s, 'alice', secret.key)).ChallengeName, undefined);
    await rejectsWith(tb.cognito.send(new UpdateDeviceStatusCommand({ AccessToken: result.AccessToken!, DeviceKey: secret.key })), 'InvalidParameterException', /DeviceRememberedStatus/);
  });

  it("lists a user's devices in pages; another user's devices are invisible to them", async () => {
    const s = await setup(ALWAYS);
    const keys: string[] = [];
    let token = '';
    for (const name of ['one', 'two', 'three']) {
      const { secret, result } = await confirmNewDevice(s, 'alice', name);
      keys.push(secret.key);
      token = result.AccessToken!;
    }
    const first = await tb.cognito.send(new ListDevicesCommand({ AccessToken: token, Limit: 2 }));
    assert.deepEqual(first.Devices!.map((d) => d.DeviceKey), keys.slice(0, 2));
    const rest = await tb.cognito.send(new ListDevicesCommand({ AccessToken: token, Limit: 2, PaginationToken: first.PaginationToken }));
    assert.deepEqual(rest.Devices!.map((d) => d.DeviceKey), keys.slice(2));
    assert.equal(rest.PaginationToken, undefined);
    const admin = await tb.cognito.send(new AdminListDevicesCommand({ UserPoolId: s.pool.id, Username: 'alice' }));
    assert.deepEqual(admin.Devices!.map((d) => attributes(d).device_name), ['one', 'two', 'three']);
    await rejectsWith(tb.cognito.send(new ListDevicesCommand({ AccessToken: token, PaginationToken: 'bogus' })), 'InvalidParameterException');

    const bob = (await signIn(s, 'bob')).AuthenticationResult!.AccessToken!;
    assert.deepEqual((await tb.cognito.send(new ListDevicesCommand({ AccessToken: bob }))).Devices, []);
    await rejectsWith(tb.cognito.send(new GetDeviceCommand({ AccessToken: bob, DeviceKey: keys[0] })), 'ResourceNotFoundException', 'Device does not exist.');
    await rejectsWith(tb.cognito.send(new UpdateDeviceStatusCommand({ AccessToken: bob, DeviceKey: keys[0], DeviceRememberedStatus: 'not_remembered' })), 'ResourceNotFoundException');
    await rejectsWith(tb.cognito.send(new ForgetDeviceCommand({ AccessToken: bob, DeviceKey: keys[0] })), 'ResourceNotFoundException');
    await rejectsWith(tb.cognito.send(new AdminGetDeviceCommand({ UserPoolId: s.pool.id, Username: 'bob', DeviceKey: keys[0] })), 'ResourceNotFoundException');
    // The model leaves GetDevice's and ForgetDevice's AccessToken optional; without it no user is named.
    await rejectsWith(tb.cognito.send(new GetDeviceCommand({ DeviceKey: keys[0] })), 'InvalidParameterException', 'Missing required parameter AccessToken');
    await rejectsWith(tb.cognito.send(new ForgetDeviceCommand({ DeviceKey: keys[0] })), 'InvalidParameterException', 'Missing required parameter AccessToken');
    const { Device } = await tb.cognito.send(new AdminGetDeviceCommand({ UserPoolId: s.pool.id, Username: 'alice', DeviceKey: keys[0] }));
    assert.equal(Device!.DeviceKey, keys[0]);
  });

  it("refreshes a device's tokens only with its key; ForgetDevice revokes its refresh tokens and the device", async () => {
    const s = await setup(ALWAYS);
    const { result, secret } = await confirmNewDevice(s, 'alice');
    const refresh = (DEVICE_KEY?: string) => tb.cognito.send(new InitiateAuthCommand({
      AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: s.client.clientId, AuthParameters: { REFRESH_TOKEN: result.RefreshToken!, ...(DEVICE_KEY ? { DEVICE_KEY } : {}) },
    }));
    await rejectsWith(refresh(), 'NotAuthorizedException', 'Invalid Refresh Token');
    await rejectsWith(refresh('us-east-1_00000000-0000-4000-8000-000000000000'), 'NotAuthorizedException', 'Invalid Refresh Token');
    const refreshed = (await refresh(secret.key)).AuthenticationResult!;
    assert.equal(claimsOf(refreshed.AccessToken!).device_key, secret.key);
    const viaGetTokens = await tb.cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: s.client.clientId, RefreshToken: result.RefreshToken!, DeviceKey: secret.key }));
    assert.ok(viaGetTokens.AuthenticationResult!.AccessToken);

    const other = await confirmNewDevice(s, 'alice', 'laptop');
    await tb.cognito.send(new ForgetDeviceCommand({ AccessToken: other.result.AccessToken!, DeviceKey: secret.key }));
    await rejectsWith(refresh(secret.key), 'NotAuthorizedException', 'Refresh Token has been revoked');
    await tb.cognito.send(new GetUserCommand({ AccessToken: refreshed.AccessToken! })); // good until it expires
    await tb.cognito.send(new GetUserCommand({ AccessToken: other.result.AccessToken! }));
    await rejectsWith(signIn(s, 'alice', secret.key), 'ResourceNotFoundException', 'Device does not exist.');
    await rejectsWith(tb.cognito.send(new ForgetDeviceCommand({ AccessToken: other.result.AccessToken!, DeviceKey: secret.key })), 'ResourceNotFoundException');
    await tb.cognito.send(new AdminForgetDeviceCommand({ UserPoolId: s.pool.id, Username: 'alice', DeviceKey: other.secret.key }));
    assert.deepEqual((await tb.cognito.send(new AdminListDevicesCommand({ UserPoolId: s.pool.id, Username: 'alice' }))).Devices, []);
  });

  it('a global sign-out keeps the devices remembered; deleting the user deletes them', async () => {
    const s = await setup(ALWAYS);
    const { result, secret } = await confirmNewDevice(s, 'alice');
    await tb.cognito.send(new GlobalSignOutCommand({ AccessToken: result.AccessToken! }));
    const again = await signInWithDevice(s, 'alice', secret);
    assert.equal(claimsOf(again.AccessToken!).device_key, secret.key);
    const sub = claimsOf(again.AccessToken!).sub as string;
    await tb.cognito.send(new AdminDeleteUserCommand({ UserPoolId: s.pool.id, Username: 'alice' }));
    assert.equal(await tb.app.store.devices.get(s.pool.id, sub, secret.key), undefined);
  });
});
