/**
 * A pool whose users sign in with each factor whose secret Cognate keeps sealed at rest: a TOTP
 * authenticator (its secret), a remembered device (its SRP verifier), a passkey (its public key);
 * for tests of the master key (test/e2e/secrets-at-rest.test.ts). Each sign-in answers 'signed in'
 * or the error's name, status and message.
 */
import {
  AdminCreateUserCommand, AdminSetUserPasswordCommand, AssociateSoftwareTokenCommand, CompleteWebAuthnRegistrationCommand, ConfirmDeviceCommand,
  CreateUserPoolClientCommand, CreateUserPoolCommand, InitiateAuthCommand, RespondToAuthChallengeCommand, SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand, StartWebAuthnRegistrationCommand, VerifySoftwareTokenCommand, type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { TOTP_PERIOD_S, totpCode } from '../../src/services/mfa/totp.ts';
import { answerDeviceChallenge, newDeviceVerifier, type DeviceSecret } from './device-srp.ts';
import { assert as signAssertion, register, type SoftCredential } from './soft-authenticator.ts';

export const PASSWORD = 'Corr3ct-horse';

export interface TotpUser { username: string; secret: string; lastStep?: number }
export interface Factors {
  poolId: string;
  clientId: string;
  totp: TotpUser;
  device: { username: string; secret: DeviceSecret };
  passkey: { username: string; credential: SoftCredential };
}

type Cognito = CognitoIdentityProviderClient;
const outcome = (p: Promise<unknown>) =>
  p.then(() => 'signed in', (e: Error & { $metadata?: { httpStatusCode?: number } }) => `${e.name} ${e.$metadata?.httpStatusCode}: ${e.message}`);

/**
 * The authenticator's code for the first step after the last one taken (each step's code is taken
 * once), and not before now's; the server takes one step either side of its own, so a step further
 * ahead than the next waits for the clock.
 */
async function nextCode(t: TotpUser): Promise<string> {
  for (;;) {
    const now = Math.floor(Date.now() / 1000 / TOTP_PERIOD_S);
    const step = Math.max(now, (t.lastStep ?? -1) + 1);
    if (step <= now + 1) {
      t.lastStep = step;
      return totpCode(t.secret, step * TOTP_PERIOD_S * 1000);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

const passwordSignIn = (cognito: Cognito, clientId: string, username: string, deviceKey?: string) =>
  cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD, ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}) } }));

export async function createUser(cognito: Cognito, poolId: string, username: string): Promise<string> {
  await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: username, MessageAction: 'SUPPRESS' }));
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: PASSWORD, Permanent: true }));
  return username;
}

/** A user (with no MFA yet) given a TOTP authenticator, verified and turned on. */
export async function enrolTotp(cognito: Cognito, clientId: string, username: string): Promise<TotpUser> {
  const AccessToken = (await passwordSignIn(cognito, clientId, username)).AuthenticationResult!.AccessToken!;
  const { SecretCode } = await cognito.send(new AssociateSoftwareTokenCommand({ AccessToken }));
  const user: TotpUser = { username, secret: SecretCode! };
  await cognito.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: await nextCode(user) }));
  await cognito.send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
  return user;
}

/** The pool (TOTP MFA optional, devices remembered and standing in for MFA, passkeys) and its three users. */
export async function setUpFactors(cognito: Cognito): Promise<Factors> {
  const poolId = (await cognito.send(new CreateUserPoolCommand({
    PoolName: 'factors-at-rest',
    DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false },
    Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] } },
  }))).UserPool!.Id!;
  await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } }));
  const clientId = (await cognito.send(new CreateUserPoolClientCommand({
    UserPoolId: poolId, ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  }))).UserPoolClient!.ClientId!;
  for (const username of ['tess', 'dev', 'pat']) await createUser(cognito, poolId, username);

  const totp = await enrolTotp(cognito, clientId, 'tess');

  const first = (await passwordSignIn(cognito, clientId, 'dev')).AuthenticationResult!;
  const meta = first.NewDeviceMetadata!;
  const { secret, config } = await newDeviceVerifier(poolId, meta.DeviceKey!, meta.DeviceGroupKey!);
  await cognito.send(new ConfirmDeviceCommand({ AccessToken: first.AccessToken!, DeviceKey: meta.DeviceKey!, DeviceSecretVerifierConfig: config, DeviceName: 'phone' }));

  const AccessToken = (await passwordSignIn(cognito, clientId, 'pat')).AuthenticationResult!.AccessToken!;
  const { response, credential } = register((await cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken }))).CredentialCreationOptions);
  await cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken, Credential: response }));

  return { poolId, clientId, totp, device: { username: 'dev', secret }, passkey: { username: 'pat', credential } };
}

/** The password, then SOFTWARE_TOKEN_MFA answered with the authenticator's code. */
export function totpSignIn(cognito: Cognito, clientId: string, t: TotpUser): Promise<string> {
  return outcome((async () => {
    const first = await passwordSignIn(cognito, clientId, t.username);
    if (first.ChallengeName !== 'SOFTWARE_TOKEN_MFA') throw new Error(`challenge ${first.ChallengeName}`);
    const done = await cognito.send(new RespondToAuthChallengeCommand({
      ClientId: clientId, ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: first.Session, ChallengeResponses: { USERNAME: t.username, SOFTWARE_TOKEN_MFA_CODE: await nextCode(t) },
    }));
    if (!done.AuthenticationResult?.AccessToken) throw new Error('no tokens');
  })());
}

/** The password with the remembered device's key, then the device's SRP proof. */
export function deviceSignIn(cognito: Cognito, f: Factors): Promise<string> {
  return outcome((async () => {
    const { username, secret } = f.device;
    const first = await passwordSignIn(cognito, f.clientId, username, secret.key);
    if (first.ChallengeName !== 'DEVICE_SRP_AUTH') throw new Error(`challenge ${first.ChallengeName}`);
    const done = await answerDeviceChallenge(cognito, f.clientId, username, secret, first.Session!);
    if (!done.AuthenticationResult?.AccessToken) throw new Error('no tokens');
  })());
}

/** USER_AUTH with WEB_AUTHN preferred, answered with the passkey's assertion. */
export function passkeySignIn(cognito: Cognito, f: Factors): Promise<string> {
  return outcome((async () => {
    const { username, credential } = f.passkey;
    const asked = await cognito.send(new InitiateAuthCommand({ ClientId: f.clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: username, PREFERRED_CHALLENGE: 'WEB_AUTHN' } }));
    if (asked.ChallengeName !== 'WEB_AUTHN') throw new Error(`challenge ${asked.ChallengeName}`);
    const assertion = signAssertion(credential, JSON.parse(asked.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS));
    const done = await cognito.send(new RespondToAuthChallengeCommand({
      ClientId: f.clientId, ChallengeName: 'WEB_AUTHN', Session: asked.Session, ChallengeResponses: { USERNAME: username, CREDENTIAL: JSON.stringify(assertion) },
    }));
    if (!done.AuthenticationResult?.AccessToken) throw new Error('no tokens');
  })());
}
