/**
 * Remembered devices with Amplify v6 in Chromium: Amplify confirms the device a sign-in is given
 * (ConfirmDevice, getNewDeviceMetadata), rememberDevice remembers it (UpdateDeviceStatus),
 * fetchDevices lists it (ListDevices), the next sign-in goes through DEVICE_SRP_AUTH with the
 * secret Amplify kept (handleDeviceSRPAuth), refreshes send its key, and forgetDevice forgets it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AdminCreateUserCommand, AdminGetDeviceCommand, AdminSetUserPasswordCommand, CreateUserPoolClientCommand, CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { startBrowserRig, type BrowserRig } from '../support/browser.ts';


describe('Amplify v6 in Chromium with remembered devices', () => {
  let rig: BrowserRig;
  let poolId: string;
  const username = 'grace';
  const password = 'Correct-horse-1';

  const ok = (name: string, ...args: unknown[]) => rig.ok(name, ...args);
  const deviceKeyOfSession = async () => (await ok('fetchAuthSession')).tokens.accessToken.payload.device_key as string;

  before(async () => {
    rig = await startBrowserRig({ script: new URL('./pages/amplify.ts', import.meta.url), ready: 'amplify' });
    const pool = await rig.admin.send(new CreateUserPoolCommand({
      PoolName: 'devices', DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
    }));
    poolId = pool.UserPool!.Id!;
    const client = await rig.admin.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'spa', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }));
    await rig.admin.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: username, MessageAction: 'SUPPRESS' }));
    await rig.admin.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: password, Permanent: true }));
    await ok('configure', { userPoolId: poolId, userPoolClientId: client.UserPoolClient!.ClientId!, userPoolEndpoint: rig.cognate.url });
  });
  after(() => rig?.close());

  let deviceKey: string;

  it('confirms the device of the first sign-in, remembers it and lists it', async () => {
    const signIn = await ok('signIn', { username, password });
    assert.equal(signIn.isSignedIn, true);
    deviceKey = await deviceKeyOfSession();
    assert.match(deviceKey, /^us-east-1_[0-9a-f-]{36}$/);
    const confirmed = await rig.admin.send(new AdminGetDeviceCommand({ UserPoolId: poolId, Username: username, DeviceKey: deviceKey }));
    const status = () => confirmed.Device!.DeviceAttributes!.find((a) => a.Name === 'dev:device_remembered_status')!.Value;
    assert.equal(status(), 'not_remembered', 'Amplify confirmed it; the pool waits for the user to remember it');
    await ok('rememberDevice');
    const devices = await ok('fetchDevices');
    assert.deepEqual(devices.map((d: { id: string }) => d.id), [deviceKey]);
    assert.equal(devices[0].attributes['dev:device_remembered_status'], 'remembered');
  });

  it('signs in again with the remembered device (DEVICE_SRP_AUTH), and refreshes with its key', async () => {
    await ok('signOut');
    const signIn = await ok('signIn', { username, password });
    assert.deepEqual([signIn.isSignedIn, signIn.nextStep.signInStep], [true, 'DONE']);
    assert.equal(await deviceKeyOfSession(), deviceKey, 'the same device, no new one');
    assert.equal((await ok('fetchDevices')).length, 1);
    const refreshed = await ok('fetchAuthSession', { forceRefresh: true });
    assert.equal(refreshed.tokens.accessToken.payload.device_key, deviceKey);
  });

  it('forgets the device', async () => {
    await ok('forgetDevice');
    assert.deepEqual(await ok('fetchDevices'), []);
  });
});
