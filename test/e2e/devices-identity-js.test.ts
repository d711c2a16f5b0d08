/**
 * amazon-cognito-identity-js handles remembered devices itself: authenticateUser confirms the new
 * device it is given (ConfirmDevice, with a verifier it makes), setDeviceStatusRemembered remembers
 * it, and the next authenticateUser answers DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER
 * (CognitoUser.getDeviceResponse) with the secret it kept; forgetDevice forgets it.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import type { ClientRecord } from '../../src/domain/client.ts';
import type { PoolRecord } from '../../src/domain/pool.ts';
import { createClient, createPool, createTestUser, startTestbed, type Testbed } from '../support/testbed.ts';

const require = createRequire(import.meta.url);
const { AuthenticationDetails, CognitoUser, CognitoUserPool } = require('amazon-cognito-identity-js');

interface Session { getAccessToken(): { payload: Record<string, unknown> } }

describe('amazon-cognito-identity-js with remembered devices', () => {
  let tb: Testbed;
  let pool: PoolRecord;
  let client: ClientRecord;
  let userPool: any;
  const requests: { op: string; params: any }[] = [];

  before(async () => {
    tb = await startTestbed();
    // "User opt-in": a confirmed device waits for the user to remember it.
    pool = await createPool(tb, { DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true } });
    client = await createClient(tb, pool, { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    await createTestUser(tb, pool, { username: 'alice', password: 'Corr3ct-horse' });
    userPool = new CognitoUserPool({ UserPoolId: pool.id, ClientId: client.clientId, endpoint: tb.url });
    // Every request the client makes, to see which flow it took.
    const request = userPool.client.request.bind(userPool.client);
    userPool.client.request = (op: string, params: any, cb: any) => {
      requests.push({ op, params });
      return request(op, params, cb);
    };
  });
  after(() => tb.close());

  const user = () => new CognitoUser({ Username: 'alice', Pool: userPool });
  const authenticate = (u: any) =>
    new Promise<{ session: Session; userConfirmationNecessary?: boolean }>((resolve, reject) =>
      u.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: 'Corr3ct-horse' }), {
        onSuccess: (session: Session, userConfirmationNecessary?: boolean) => resolve({ session, userConfirmationNecessary }),
        onFailure: reject,
      }));
  const promised = <T>(fn: (cb: { onSuccess: (v: T) => void; onFailure: (e: unknown) => void }) => void) =>
    new Promise<T>((resolve, reject) => fn({ onSuccess: resolve, onFailure: reject }));

  it('confirms the new device, remembers it, then signs in with it; forgetDevice forgets it', async () => {
    const first = user();
    const signedIn = await authenticate(first);
    assert.equal(signedIn.userConfirmationNecessary, true, 'DeviceOnlyRememberedOnUserPrompt: the user is asked');
    const confirm = requests.find((r) => r.op === 'ConfirmDevice')!;
    assert.ok(confirm, 'the client confirmed the device it was given');
    const deviceKey = confirm.params.DeviceKey as string;
    assert.equal(signedIn.session.getAccessToken().payload.device_key, deviceKey);
    await promised((cb) => first.setDeviceStatusRemembered(cb));
    const listed = await promised<{ Devices: { DeviceKey: string }[] }>((cb) => first.listDevices(10, null, cb));
    assert.deepEqual(listed.Devices.map((d) => d.DeviceKey), [deviceKey]);

    requests.length = 0;
    const second = user();
    const again = await authenticate(second);
    assert.deepEqual(requests.filter((r) => r.op === 'RespondToAuthChallenge').map((r) => r.params.ChallengeName), ['PASSWORD_VERIFIER', 'DEVICE_SRP_AUTH', 'DEVICE_PASSWORD_VERIFIER']);
    assert.equal(requests.some((r) => r.op === 'ConfirmDevice'), false, 'no new device');
    assert.equal(again.session.getAccessToken().payload.device_key, deviceKey);

    // Refreshing sends the device key, as the token was issued to the device.
    const refreshed = await new Promise<Session>((resolve, reject) =>
      second.refreshSession(second.getSignInUserSession().getRefreshToken(), (err: unknown, s: Session) => (err ? reject(err) : resolve(s))));
    assert.equal(refreshed.getAccessToken().payload.device_key, deviceKey);

    await promised((cb) => second.forgetDevice(cb));
    requests.length = 0;
    const third = await authenticate(user());
    assert.equal(requests.some((r) => r.op === 'ConfirmDevice'), true, 'a forgotten device is a new one again');
    assert.notEqual(third.session.getAccessToken().payload.device_key, deviceKey);
  });
});
