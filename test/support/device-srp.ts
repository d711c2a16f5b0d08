/**
 * The client's half of a remembered device, made by amazon-cognito-identity-js's own
 * AuthenticationHelper (as CognitoUser and Amplify use it): the verifier ConfirmDevice sends, and
 * the DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER answers, sent with the AWS SDK.
 */
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { RespondToAuthChallengeCommand, type CognitoIdentityProviderClient, type RespondToAuthChallengeCommandOutput } from '@aws-sdk/client-cognito-identity-provider';

const require = createRequire(import.meta.url);
const { AuthenticationHelper, DateHelper } = require('amazon-cognito-identity-js');
const BigInteger = require('amazon-cognito-identity-js/lib/BigInteger.js').default;

const call = <T>(fn: (cb: (err: unknown, v: T) => void) => void) => new Promise<T>((resolve, reject) => fn((err, v) => (err ? reject(err) : resolve(v))));

/** What a device keeps: its key, its group key and the random password behind its verifier. */
export interface DeviceSecret {
  key: string;
  groupKey: string;
  password: string;
}

/** ConfirmDevice's DeviceSecretVerifierConfig for a new device, and the secret the device keeps. */
export async function newDeviceVerifier(poolId: string, key: string, groupKey: string) {
  const helper = new AuthenticationHelper(poolId.split('_')[1]);
  await call((cb) => helper.generateHashDevice(groupKey, key, cb));
  const secret: DeviceSecret = { key, groupKey, password: helper.getRandomPassword() };
  const config = { Salt: Buffer.from(helper.getSaltDevices(), 'hex').toString('base64'), PasswordVerifier: Buffer.from(helper.getVerifierDevices(), 'hex').toString('base64') };
  return { secret, config };
}

/**
 * Answers DEVICE_SRP_AUTH (whose Session is `session`) for `device`, then DEVICE_PASSWORD_VERIFIER
 * with its proof (`password` in place of the device's, to prove wrongly).
 */
export async function answerDeviceChallenge(
  cognito: CognitoIdentityProviderClient, clientId: string, username: string, device: DeviceSecret, session: string, password = device.password,
): Promise<RespondToAuthChallengeCommandOutput> {
  const helper = new AuthenticationHelper(device.groupKey);
  const A = (await call<{ toString(radix: number): string }>((cb) => helper.getLargeAValue(cb))).toString(16);
  const srp = await cognito.send(new RespondToAuthChallengeCommand({
    ClientId: clientId, ChallengeName: 'DEVICE_SRP_AUTH', Session: session, ChallengeResponses: { USERNAME: username, DEVICE_KEY: device.key, SRP_A: A },
  }));
  const p = srp.ChallengeParameters!;
  const hkdf = await call<number[]>((cb) => helper.getPasswordAuthenticationKey(device.key, password, new BigInteger(p.SRP_B, 16), new BigInteger(p.SALT, 16), cb));
  const TIMESTAMP: string = new DateHelper().getNowString();
  const signature = createHmac('sha256', Buffer.from(hkdf))
    .update(Buffer.concat([Buffer.from(device.groupKey), Buffer.from(device.key), Buffer.from(p.SECRET_BLOCK, 'base64'), Buffer.from(TIMESTAMP)]))
    .digest('base64');
  return cognito.send(new RespondToAuthChallengeCommand({
    ClientId: clientId, ChallengeName: 'DEVICE_PASSWORD_VERIFIER', Session: srp.Session,
    ChallengeResponses: { USERNAME: p.USERNAME, PASSWORD_CLAIM_SECRET_BLOCK: p.SECRET_BLOCK, TIMESTAMP, PASSWORD_CLAIM_SIGNATURE: signature, DEVICE_KEY: device.key },
  }));
}
