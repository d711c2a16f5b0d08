/**
 * The server the sign-up tests drive: the app in the test's own process (so a test can read the
 * store and move the clock), with PreSignUp, PostConfirmation and CustomMessage functions from
 * local modules that log the events they get.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  type CognitoIdentityProviderClient,
  type CreateUserPoolClientRequest,
  type CreateUserPoolRequest,
} from '@aws-sdk/client-cognito-identity-provider';
import { createApp, type App } from '../../src/app/app.ts';
import { loadConfig } from '../../src/app/config/load.ts';
import type { UserRecord } from '../../src/domain/user.ts';
import { findUser } from '../../src/services/directory/users.ts';
import { sdkClient } from '../e2e/harness.ts';

export const fn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
export const PASSWORD = 'Passw0rd!';

export interface Message { username: string; channel: string; destination: string; subject: string | null; body: string; code: string }
export type TriggerEvent = { triggerSource: string; userPoolId: string; userName: string; callerContext: { clientId: string }; request: Record<string, any> };

export interface SignUpRig {
  app: App;
  cognito: CognitoIdentityProviderClient;
  /** Where the functions log the events they get, one JSON line each. */
  logs: { preSignUp: string; postConfirmation: string };
  /** Milliseconds added to the server's clock. */
  clock: { offset: number };
  /** A pool and an app client in it. */
  setUp(pool?: Omit<CreateUserPoolRequest, 'PoolName'>, client?: Omit<CreateUserPoolClientRequest, 'UserPoolId' | 'ClientName'>): Promise<{ poolId: string; clientId: string; secret: string | undefined }>;
  inbox(poolId: string, username: string): Promise<Message[]>;
  latestCode(poolId: string, username: string): Promise<string>;
  stored(poolId: string, username: string): Promise<UserRecord>;
  events(file: string): TriggerEvent[];
  close(): Promise<void>;
}

export async function startSignUpRig(): Promise<SignUpRig> {
  const dir = mkdtempSync(join(tmpdir(), 'cognate-sign-up-'));
  const logs = { preSignUp: join(dir, 'pre-sign-up.log'), postConfirmation: join(dir, 'post-confirmation.log') };
  const clock = { offset: 0 };
  writeFileSync(join(dir, 'pre-sign-up.mjs'), `
import { appendFileSync } from 'node:fs';
const record = (event) => appendFileSync(${JSON.stringify(logs.preSignUp)}, JSON.stringify(event) + '\\n');
export const autoConfirm = async (event) => {
  record(event);
  event.response.autoConfirmUser = true;
  event.response.autoVerifyEmail = 'email' in event.request.userAttributes;
  event.response.autoVerifyPhone = 'phone_number' in event.request.userAttributes;
  return event;
};
export const reject = async () => { throw new Error('Sign-ups are closed'); };
export const verifyOnly = async (event) => { event.response.autoVerifyEmail = true; return event; };
`);
  writeFileSync(join(dir, 'post-confirmation.mjs'), `
import { appendFileSync } from 'node:fs';
export const handler = async (event) => { appendFileSync(${JSON.stringify(logs.postConfirmation)}, JSON.stringify(event) + '\\n'); return event; };
export const fail = async () => { throw new Error('welcome mail failed'); };
`);
  writeFileSync(join(dir, 'custom-message.mjs'), `
export const handler = async (event) => {
  if (event.triggerSource === 'CustomMessage_SignUp') {
    event.response.emailSubject = 'Welcome to ' + (event.request.clientMetadata?.app ?? 'us');
    event.response.emailMessage = 'Hello ' + event.request.userAttributes.name + ', your code is ' + event.request.codeParameter;
  } else if (event.triggerSource === 'CustomMessage_ResendCode') {
    event.response.emailMessage = 'Once more: ' + event.request.codeParameter;
  }
  return event;
};
`);
  const config = join(dir, 'cognate.json');
  writeFileSync(config, JSON.stringify({
    functions: {
      [fn('auto-confirm')]: { module: './pre-sign-up.mjs#autoConfirm' },
      [fn('reject')]: { module: './pre-sign-up.mjs#reject' },
      [fn('verify-only')]: { module: './pre-sign-up.mjs#verifyOnly' },
      [fn('post-confirmation')]: { module: './post-confirmation.mjs#handler' },
      [fn('post-confirmation-fails')]: { module: './post-confirmation.mjs#fail' },
      [fn('custom-message')]: { module: './custom-message.mjs#handler' },
    },
  }));
  const app = await createApp(loadConfig(['--config', config, '--db', join(dir, 'db.sqlite'), '--port', '0', '--log-level', 'silent'], {}), { clock: { now: () => Date.now() + clock.offset } });
  const url = await app.listen();
  const cognito = sdkClient(url);
  const inbox = async (poolId: string, username: string): Promise<Message[]> => {
    const res = await fetch(`${url}/_cognate/messages?userPoolId=${poolId}&username=${encodeURIComponent(username)}`);
    return ((await res.json()) as { messages: Message[] }).messages;
  };
  return {
    app, cognito, logs, clock, inbox,
    async setUp(pool = {}, client = {}) {
      const poolId = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'sign-up', ...pool }))).UserPool!.Id!;
      const c = (await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'app', ...client }))).UserPoolClient!;
      return { poolId, clientId: c.ClientId!, secret: c.ClientSecret };
    },
    latestCode: async (poolId, username) => (await inbox(poolId, username))[0].code,
    async stored(poolId, username) {
      const pool = (await app.store.pools.get(poolId))!;
      return (await findUser(app.store, pool, username))!;
    },
    events: (file) => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l)) : []),
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
