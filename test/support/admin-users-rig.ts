/**
 * The server the administrators' user tests drive, started as a user starts it, with PreSignUp,
 * CustomMessage and PostConfirmation functions from a config file; each function notes the event
 * it got, so a test can read what Cognate sent.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  CreateUserPoolCommand,
  type AdminCreateUserCommandInput,
  type AdminCreateUserCommandOutput,
  type AdminGetUserCommandOutput,
  type CognitoIdentityProviderClient,
  type CreateUserPoolCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { sdkClient, startServer, type Server } from '../e2e/harness.ts';

export const PRE_SIGN_UP = 'arn:aws:lambda:us-east-1:000000000000:function:pre-sign-up';
export const CUSTOM_MESSAGE = 'arn:aws:lambda:us-east-1:000000000000:function:custom-message';
export const POST_CONFIRMATION = 'arn:aws:lambda:us-east-1:000000000000:function:post-confirmation';

export interface InboxMessage { username: string; channel: string; destination: string; subject: string | null; body: string; code: string; purpose: string | null; attribute: string | null }
export type NotedEvent = { triggerSource: string; userName: string; request: Record<string, unknown> };

export interface AdminUsersRig {
  server: Server;
  cognito: CognitoIdentityProviderClient;
  pool(input?: Omit<CreateUserPoolCommandInput, 'PoolName'>): Promise<string>;
  create(UserPoolId: string, Username: string, more?: Omit<AdminCreateUserCommandInput, 'UserPoolId' | 'Username'>): Promise<AdminCreateUserCommandOutput>;
  get(UserPoolId: string, Username: string): Promise<AdminGetUserCommandOutput>;
  inbox(userPoolId: string, username: string): Promise<InboxMessage[]>;
  triggerEvents(): NotedEvent[];
  close(): Promise<void>;
}

export async function startAdminUsersRig(): Promise<AdminUsersRig> {
  const dir = mkdtempSync(join(tmpdir(), 'cognate-admin-users-'));
  const events = join(dir, 'events.jsonl');
  // Each function notes the event it got, so the test can read what Cognate sent.
  const note = `import { appendFileSync } from 'node:fs';\nconst note = (e) => appendFileSync(${JSON.stringify(events)}, JSON.stringify(e) + '\\n');\n`;
  writeFileSync(join(dir, 'pre-sign-up.mjs'), `${note}
export const handler = async (event) => {
  note(event);
  if (event.request.clientMetadata?.refuse) throw new Error('not on the guest list');
  event.response.autoVerifyEmail = (event.request.userAttributes.email ?? '').endsWith('@trusted.example');
  return event;
};\n`);
  writeFileSync(join(dir, 'custom-message.mjs'), `${note}
export const handler = async (event) => {
  note(event);
  if (event.triggerSource === 'CustomMessage_AdminCreateUser') {
    event.response.emailSubject = 'Welcome to ' + (event.request.clientMetadata?.app ?? 'us');
    event.response.emailMessage = 'Sign in as ' + event.request.usernameParameter + ' with ' + event.request.codeParameter;
  }
  return event;
};\n`);
  writeFileSync(join(dir, 'post-confirmation.mjs'), `${note}\nexport const handler = async (event) => (note(event), event);\n`);
  const config = join(dir, 'cognate.json');
  writeFileSync(config, JSON.stringify({
    functions: {
      [PRE_SIGN_UP]: { module: './pre-sign-up.mjs' },
      [CUSTOM_MESSAGE]: { module: './custom-message.mjs' },
      [POST_CONFIRMATION]: { module: './post-confirmation.mjs' },
    },
  }));
  const server = await startServer({ args: ['--config', config] });
  const cognito = sdkClient(server.url);
  return {
    server,
    cognito,
    pool: async (input = {}) => (await cognito.send(new CreateUserPoolCommand({ PoolName: 'admin-users', ...input }))).UserPool!.Id!,
    create: (UserPoolId, Username, more = {}) => cognito.send(new AdminCreateUserCommand({ UserPoolId, Username, ...more })),
    get: (UserPoolId, Username) => cognito.send(new AdminGetUserCommand({ UserPoolId, Username })),
    async inbox(userPoolId, username) {
      const res = await fetch(`${server.url}/_cognate/messages?userPoolId=${userPoolId}&username=${encodeURIComponent(username)}`);
      return ((await res.json()) as { messages: InboxMessage[] }).messages;
    },
    triggerEvents() {
      try {
        return readFileSync(events, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
      } catch {
        return [];
      }
    },
    async close() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const attrs = (list: { Name?: string; Value?: string }[] = []) => Object.fromEntries(list.map((a) => [a.Name, a.Value]));
