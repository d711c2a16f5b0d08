/**
 * A remembered device and MFA together: where the pool asks new devices for MFA
 * (DeviceConfiguration.ChallengeRequiredOnNewDevice), a device the user remembered after an MFA
 * sign-in proves itself with device SRP and is asked no second factor; where it does not, the
 * device's proof is followed by MFA all the same. AWS: "If you set ChallengeRequiredOnNewDevice
 * ... users must complete MFA on new devices", remembered devices skipping it:
 * https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeviceConfigurationType.html
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConfirmDeviceCommand, InitiateAuthCommand, SetUserMFAPreferenceCommand, type DeviceConfigurationType } from '@aws-sdk/client-cognito-identity-provider';
import { answerDeviceChallenge, newDeviceVerifier } from '../support/device-srp.ts';
import { PASSWORD, startMfaRig, type MfaRig } from '../support/mfa-rig.ts';

describe('remembered devices and MFA', () => {
  let rig: MfaRig;
  before(async () => {
    rig = await startMfaRig();
  });
  after(() => rig.close());

  /** A user with TOTP on in an OPTIONAL pool tracking devices as `devices` says; a device remembered after an MFA sign-in. */
  async function rememberedAfterMfa(DeviceConfiguration: DeviceConfigurationType, username: string) {
    const { pool, client } = await rig.pool({ MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } }, { DeviceConfiguration });
    await rig.user(pool, username);
    const plain = (await rig.signIn(client, username)).AuthenticationResult;
    const secret = await rig.enrol(plain.AccessToken);
    await rig.tb.cognito.send(new SetUserMFAPreferenceCommand({ AccessToken: plain.AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
    const asked = await rig.signIn(client, username);
    assert.equal(asked.ChallengeName, 'SOFTWARE_TOKEN_MFA');
    rig.advance(30_000); // the enrolment used this step's code
    const done = (await rig.respond(client, 'SOFTWARE_TOKEN_MFA', asked.Session, { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: rig.totp(secret) })).AuthenticationResult;
    const meta = done.NewDeviceMetadata;
    assert.ok(meta?.DeviceKey, 'a new device after the MFA sign-in');
    const device = await newDeviceVerifier(pool.id, meta.DeviceKey, meta.DeviceGroupKey);
    await rig.tb.cognito.send(new ConfirmDeviceCommand({ AccessToken: done.AccessToken, DeviceKey: meta.DeviceKey, DeviceSecretVerifierConfig: device.config, DeviceName: 'laptop' }));
    const withDevice = await rig.tb.cognito.send(new InitiateAuthCommand({
      ClientId: client.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD, DEVICE_KEY: meta.DeviceKey },
    }));
    assert.equal(withDevice.ChallengeName, 'DEVICE_SRP_AUTH');
    return answerDeviceChallenge(rig.tb.cognito, client.clientId, username, device.secret, withDevice.Session!);
  }

  it('asks no second factor of a remembered device where the pool asks new devices for MFA', async () => {
    const out = await rememberedAfterMfa({ ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false }, 'ada');
    assert.equal(out.ChallengeName, undefined);
    assert.ok(out.AuthenticationResult!.AccessToken);
    assert.equal(out.AuthenticationResult!.NewDeviceMetadata, undefined, 'the device it signed in with, no new one');
  });

  it('asks MFA after the device\'s proof where the pool does not let devices stand in for it', async () => {
    const out = await rememberedAfterMfa({ ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false }, 'bea');
    assert.equal(out.ChallengeName, 'SOFTWARE_TOKEN_MFA');
  });
});
