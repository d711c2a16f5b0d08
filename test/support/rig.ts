/**
 * An in-process Cognate for end-to-end tests that need to reach inside (mint tokens before a sign-in
 * exists, create users directly, inject a clock): the real server on a free port, driven through
 * the AWS SDK for JavaScript v3 like any client.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  type CreateUserPoolClientCommandInput,
  type CreateUserPoolCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { createApp, type App } from '../../src/app/app.ts';
import { loadConfig } from '../../src/app/config/load.ts';
import { userKeys } from '../../src/domain/user.ts';
import type { ClientRecord } from '../../src/domain/client.ts';
import type { PoolRecord } from '../../src/domain/pool.ts';
import type { UserRecord } from '../../src/domain/user.ts';
import { sdkClient } from '../e2e/harness.ts';
import { dropAtExit, dropSchemas, postgresArgs, postgresMode, schemaName } from './postgres.ts';

export interface Rig {
  app: App;
  url: string;
  dir: string;
  cognito: ReturnType<typeof sdkClient>;
  /** Moves the server's clock. */
  advance(ms: number): void;
  pool(input?: Partial<CreateUserPoolCommandInput>): Promise<PoolRecord>;
  client(pool: PoolRecord, input?: Partial<CreateUserPoolClientCommandInput>): Promise<ClientRecord>;
  user(pool: PoolRecord, attributes: Record<string, string>, over?: Partial<UserRecord>): Promise<UserRecord>;
  /** A real access token for the user, from the token service. */
  token(pool: PoolRecord, client: ClientRecord, user: UserRecord): Promise<string>;
  /** The newest messages of the inbox for a user. */
  inbox(pool: PoolRecord, username: string): Promise<{ code: string; destination: string; channel: string; subject: string | null; body: string; attribute: string | null }[]>;
  close(): Promise<void>;
}

/** `config` is written to a config file (functions, delivery, limits, ...); `args` are more flags, where `{dir}` is the rig's folder. */
export async function startRig(options: { config?: object; args?: string[]; files?: Record<string, string>; clock?: 'fixed' | 'real' } = {}): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'cognate-rig-'));
  for (const [name, text] of Object.entries(options.files ?? {})) writeFileSync(join(dir, name), text);
  const configFile = join(dir, 'cognate.json');
  writeFileSync(configFile, JSON.stringify(options.config ?? {}));
  let offset = 0;
  const base = Date.now();
  const clock = { now: () => (options.clock === 'fixed' ? base : Date.now()) + offset };
  // COGNATE_TEST_STORE=postgres: the rig's data on a schema of the test database of its own.
  const schema = postgresMode() && !options.args?.includes('--postgres') ? schemaName('rig') : undefined;
  if (schema) dropAtExit(schema);
  const store = schema ? postgresArgs(schema) : [];
  const args = ['--config', configFile, '--db', join(dir, 'db.sqlite'), ...store, '--port', '0', '--log-level', 'silent', ...(options.args ?? []).map((a) => a.replaceAll('{dir}', dir))];
  const app = await createApp(loadConfig(args, {}), { clock });
  const url = await app.listen();
  const cognito = sdkClient(url);
  return {
    app, url, dir, cognito,
    advance: (ms) => (offset += ms),
    async pool(input = {}) {
      const id = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'rig', ...input }))).UserPool!.Id!;
      return (await app.store.pools.get(id))!;
    },
    async client(pool, input = {}) {
      const id = (await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: pool.id, ClientName: 'app', ...input }))).UserPoolClient!.ClientId!;
      return (await app.store.clients.get(pool.id, id))!;
    },
    async user(pool, attributes, over = {}) {
      const sub = randomUUID();
      const now = clock.now();
      const user: UserRecord = {
        poolId: pool.id, sub, username: attributes.username ?? `user-${sub.slice(0, 8)}`, status: 'CONFIRMED', enabled: true,
        attributes: { sub, ...Object.fromEntries(Object.entries(attributes).filter(([k]) => k !== 'username')) },
        pending: {}, password: null, settings: {}, createdAt: now, lastModifiedAt: now, version: 1, ...over,
      };
      await app.store.users.create(user, userKeys(pool.config, user));
      return user;
    },
    async token(pool, client, user) {
      return (await app.deps.tokens.issue({ pool, client, user, groups: [], authTime: Math.floor(clock.now() / 1000), withRefreshToken: true })).AccessToken;
    },
    async inbox(pool, username) {
      const res = await fetch(`${url}/_cognate/messages?userPoolId=${pool.id}&username=${encodeURIComponent(username)}`);
      return ((await res.json()) as { messages: Awaited<ReturnType<Rig['inbox']>> }).messages;
    },
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
      if (schema) await dropSchemas([schema]);
    },
  };
}
