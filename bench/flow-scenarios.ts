/**
 * The sign-in flows measured whole (bench/flows.ts runs them): each makes its pool and app client
 * through the API (so the same set-up runs on any server), gets users from the caller (seeded
 * into Cognate's store, made through the API on a peer), prepares what a flow needs that a user
 * alone does not have (a remembered device), and answers the flow itself: every request of one
 * complete sign-in or grant, tokens out.
 */
import { createHash, randomBytes } from 'node:crypto';
import { FormBrowser } from '../test/support/form-browser.ts';
import { FIXED_CODE, PASSWORD } from './cognate.ts';
import { deviceExchange, newDevice, type BenchDevice } from './device-srp.ts';
import { expectJson, FlowFailure, type Send } from './flow-load.ts';
import { TARGET } from './load.ts';
import { call, each } from './peers.ts';

export type Flow = (send: Send, i: number) => Promise<void>;

export interface Made {
  poolId: string;
  clientId: string;
  /** Users need their email and phone number verified (codes are sent to them). */
  verified: boolean;
}

export interface Scenario {
  name: string;
  /** HTTP requests one flow makes. */
  requests: number;
  make(url: string): Promise<Made>;
  /** After the users exist: the flow (undefined: it is measured in rounds, see `rounds`). */
  ready(url: string, made: Made, usernames: string[]): Promise<Flow>;
  /** Single-use inputs (authorization codes): a batch before each round, not measured. */
  batch?: (n: number) => Promise<void>;
}

const SDK = { 'content-type': 'application/x-amz-json-1.1' };
const json = (op: string) => ({ ...SDK, 'x-amz-target': TARGET + op });

async function api(send: Send, op: string, body: object, step = op): Promise<Record<string, any>> {
  return expectJson(await send('/', json(op), JSON.stringify(body)), 200, step);
}

function tokensOut(r: Record<string, any>, step: string): void {
  if (!r.AuthenticationResult?.AccessToken) throw new FlowFailure(`${step} no tokens`, `${step}: ${JSON.stringify(r).slice(0, 240)}`);
}

function challenge(r: Record<string, any>, name: string, step: string): Record<string, any> {
  if (r.ChallengeName !== name) throw new FlowFailure(`${step} not ${name}`, `${step}: expected ${name}, got ${JSON.stringify(r).slice(0, 240)}`);
  return r;
}

const pick = <T>(xs: T[], i: number): T => xs[i % xs.length]!;

/** InitiateAuth USER_PASSWORD_AUTH → SMS_MFA → RespondToAuthChallenge with the fixed code. */
export const mfaSignIn: Scenario = {
  name: 'MFA sign-in (USER_PASSWORD_AUTH → SMS_MFA)',
  requests: 2,
  async make(url) {
    const SmsConfiguration = { SnsCallerArn: 'arn:aws:iam::000000000000:role/bench-sms', ExternalId: 'bench' };
    const pool = (await call(url, 'CreateUserPool', { PoolName: 'bench-mfa', SmsConfiguration, AutoVerifiedAttributes: ['phone_number'] })).UserPool;
    await call(url, 'SetUserPoolMfaConfig', { UserPoolId: pool.Id, SmsMfaConfiguration: { SmsConfiguration }, MfaConfiguration: 'ON' });
    const client = (await call(url, 'CreateUserPoolClient', { UserPoolId: pool.Id, ClientName: 'bench', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] })).UserPoolClient;
    return { poolId: pool.Id, clientId: client.ClientId, verified: true };
  },
  async ready(_url, made, usernames) {
    return async (send, i) => {
      const USERNAME = pick(usernames, i);
      const first = challenge(await api(send, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: made.clientId, AuthParameters: { USERNAME, PASSWORD } }), 'SMS_MFA', 'InitiateAuth');
      tokensOut(await api(send, 'RespondToAuthChallenge', { ClientId: made.clientId, ChallengeName: 'SMS_MFA', Session: first.Session, ChallengeResponses: { USERNAME, SMS_MFA_CODE: FIXED_CODE } }, 'SMS_MFA'), 'SMS_MFA');
    };
  },
};

/** InitiateAuth USER_AUTH with PREFERRED_CHALLENGE EMAIL_OTP → RespondToAuthChallenge with the fixed code. */
export const emailOtpSignIn: Scenario = {
  name: 'USER_AUTH with a one-time code (EMAIL_OTP)',
  requests: 2,
  async make(url) {
    const pool = (await call(url, 'CreateUserPool', {
      PoolName: 'bench-otp', UserPoolTier: 'ESSENTIALS', AutoVerifiedAttributes: ['email'], Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
    })).UserPool;
    const client = (await call(url, 'CreateUserPoolClient', { UserPoolId: pool.Id, ClientName: 'bench', ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] })).UserPoolClient;
    return { poolId: pool.Id, clientId: client.ClientId, verified: true };
  },
  async ready(_url, made, usernames) {
    return async (send, i) => {
      const USERNAME = pick(usernames, i);
      const first = challenge(await api(send, 'InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: made.clientId, AuthParameters: { USERNAME, PREFERRED_CHALLENGE: 'EMAIL_OTP' } }), 'EMAIL_OTP', 'InitiateAuth');
      tokensOut(await api(send, 'RespondToAuthChallenge', { ClientId: made.clientId, ChallengeName: 'EMAIL_OTP', Session: first.Session, ChallengeResponses: { USERNAME, EMAIL_OTP_CODE: FIXED_CODE } }, 'EMAIL_OTP'), 'EMAIL_OTP');
    };
  },
};

/** USER_PASSWORD_AUTH with DEVICE_KEY → DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER → tokens. */
export const deviceSignIn: Scenario = {
  name: 'Device SRP (USER_PASSWORD_AUTH + DEVICE_KEY → DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER)',
  requests: 3,
  async make(url) {
    const pool = (await call(url, 'CreateUserPool', { PoolName: 'bench-device', DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false } })).UserPool;
    const client = (await call(url, 'CreateUserPoolClient', { UserPoolId: pool.Id, ClientName: 'bench', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] })).UserPoolClient;
    return { poolId: pool.Id, clientId: client.ClientId, verified: false };
  },
  async ready(url, made, usernames) {
    // A sign-in without a device key gives the new device's key; ConfirmDevice remembers it.
    const devices: BenchDevice[] = await each(usernames, 4, async (USERNAME) => {
      const r = await call(url, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: made.clientId, AuthParameters: { USERNAME, PASSWORD } });
      const meta = r.AuthenticationResult?.NewDeviceMetadata;
      if (!meta) throw new Error(`InitiateAuth gave no NewDeviceMetadata: ${JSON.stringify(r).slice(0, 200)}`);
      const { device, config } = newDevice(USERNAME, meta.DeviceKey, meta.DeviceGroupKey);
      await call(url, 'ConfirmDevice', { AccessToken: r.AuthenticationResult.AccessToken, DeviceKey: meta.DeviceKey, DeviceSecretVerifierConfig: config, DeviceName: 'bench' });
      return device;
    });
    return async (send, i) => {
      const device = pick(devices, i);
      const USERNAME = device.username;
      const first = challenge(await api(send, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: made.clientId, AuthParameters: { USERNAME, PASSWORD, DEVICE_KEY: device.key } }), 'DEVICE_SRP_AUTH', 'InitiateAuth');
      const exchange = deviceExchange(device);
      const srp = challenge(await api(send, 'RespondToAuthChallenge', { ClientId: made.clientId, ChallengeName: 'DEVICE_SRP_AUTH', Session: first.Session, ChallengeResponses: { USERNAME, DEVICE_KEY: device.key, SRP_A: exchange.A } }, 'DEVICE_SRP_AUTH'), 'DEVICE_PASSWORD_VERIFIER', 'DEVICE_SRP_AUTH');
      tokensOut(await api(send, 'RespondToAuthChallenge', { ClientId: made.clientId, ChallengeName: 'DEVICE_PASSWORD_VERIFIER', Session: srp.Session, ChallengeResponses: exchange.prove(srp.ChallengeParameters) }, 'DEVICE_PASSWORD_VERIFIER'), 'DEVICE_PASSWORD_VERIFIER');
    };
  },
};

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

function tokenOut(a: { status: number; body: string }, step: string): void {
  const r = expectJson(a as never, 200, step);
  if (!r.access_token) throw new FlowFailure(`${step} no token`, `${step}: ${a.body.slice(0, 240)}`);
}

/** POST /oauth2/token grant_type=client_credentials (HTTP Basic, a resource server's scope). */
export const clientCredentials: Scenario = {
  name: 'OAuth client_credentials (POST /oauth2/token)',
  requests: 1,
  async make(url) {
    const pool = (await call(url, 'CreateUserPool', { PoolName: 'bench-m2m' })).UserPool;
    await call(url, 'CreateResourceServer', { UserPoolId: pool.Id, Identifier: 'bench', Name: 'bench', Scopes: [{ ScopeName: 'read', ScopeDescription: 'read' }] });
    const client = (await call(url, 'CreateUserPoolClient', {
      UserPoolId: pool.Id, ClientName: 'm2m', GenerateSecret: true, AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['bench/read'],
    })).UserPoolClient;
    clientSecret.set(client.ClientId, client.ClientSecret);
    return { poolId: pool.Id, clientId: client.ClientId, verified: false };
  },
  async ready(_url, made) {
    const basic = `Basic ${Buffer.from(`${made.clientId}:${clientSecret.get(made.clientId)}`).toString('base64')}`;
    return async (send) => tokenOut(await send('/oauth2/token', { ...FORM, authorization: basic }, 'grant_type=client_credentials&scope=bench%2Fread'), 'token');
  },
};
const clientSecret = new Map<string, string>();

const CALLBACK = 'https://app.example.com/callback';
const challengeOf = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

/**
 * POST /oauth2/token grant_type=authorization_code with PKCE. Codes are single-use: each user signs
 * in once on the login page (before the clock), then every code of a batch comes from
 * /oauth2/authorize with that user's session cookie (answered at once, no password), and the
 * measurement redeems the batch.
 */
export function authorizationCode(): Scenario & { codes: { code: string; verifier: string }[] } {
  let browsers: FormBrowser[] = [];
  let clientId = '';
  const self = {
    name: 'OAuth authorization_code with PKCE (POST /oauth2/token)',
    requests: 1,
    codes: [] as { code: string; verifier: string }[],
    async make(url: string): Promise<Made> {
      const pool = (await call(url, 'CreateUserPool', { PoolName: 'bench-code' })).UserPool;
      const client = (await call(url, 'CreateUserPoolClient', {
        UserPoolId: pool.Id, ClientName: 'web', AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid', 'email'], CallbackURLs: [CALLBACK], SupportedIdentityProviders: ['COGNITO'],
      })).UserPoolClient;
      clientId = client.ClientId;
      return { poolId: pool.Id, clientId, verified: true };
    },
    async ready(url: string, _made: Made, usernames: string[]): Promise<Flow> {
      browsers = await each(usernames, 4, async (username) => {
        const b = new FormBrowser(url);
        const page = await b.go(authorizePath(clientId, challengeOf(randomBytes(32).toString('base64url'))));
        const done = await b.submit(page, '/login', { username, password: PASSWORD });
        if (!done.location?.includes('code=')) throw new Error(`the login page did not sign ${username} in: ${done.status} ${done.location ?? done.html.slice(0, 200)}`);
        return b;
      });
      return async (send, i) => {
        const c = self.codes[i];
        if (!c) throw new FlowFailure('no code', `code ${i} was not obtained`);
        const form = new URLSearchParams({ grant_type: 'authorization_code', client_id: clientId, code: c.code, redirect_uri: CALLBACK, code_verifier: c.verifier });
        tokenOut(await send('/oauth2/token', FORM, form.toString()), 'token');
      };
    },
    async batch(n: number): Promise<void> {
      self.codes = await each(Array.from({ length: n }, (_, i) => i), 16, async (i) => {
        const verifier = randomBytes(32).toString('base64url');
        const got = await pick(browsers, i).go(authorizePath(clientId, challengeOf(verifier)));
        const code = got.location ? new URL(got.location).searchParams.get('code') : null;
        if (!code) throw new Error(`/oauth2/authorize with the session gave no code: ${got.status} ${got.location ?? got.html.slice(0, 200)}`);
        return { code, verifier };
      });
    },
  };
  return self;
}

const authorizePath = (clientId: string, challenge: string) =>
  `/oauth2/authorize?${new URLSearchParams({ client_id: clientId, response_type: 'code', redirect_uri: CALLBACK, scope: 'openid email', state: 's', code_challenge: challenge, code_challenge_method: 'S256' })}`;
