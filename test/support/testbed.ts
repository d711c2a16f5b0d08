/**
 * Helpers for the sign-in end-to-end tests (test/e2e/auth-*.test.ts): a server in this process
 * with a clock the test can move and trigger functions from source text, users written straight
 * into the store (the sign-up operations are not needed to sign in), and a JWT verifier pointed at
 * the pool's JWKS.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  type CreateUserPoolClientRequest,
  type CreateUserPoolRequest,
} from '@aws-sdk/client-cognito-identity-provider';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { createApp, type App } from '../../src/app/app.ts';
import { cryptoRandom } from '../../src/ground/random.ts';
import { loadConfig } from '../../src/app/config/load.ts';
import { userKeys } from '../../src/domain/user.ts';
import { passwordRecord } from '../../src/services/passwords/record.ts';
import type { ClientRecord } from '../../src/domain/client.ts';
import type { PoolRecord } from '../../src/domain/pool.ts';
import type { UserRecord, UserStatus } from '../../src/domain/user.ts';
import { newSub } from '../../src/domain/new-user.ts';
import { dropAtExit, dropSchemas, postgresArgs, postgresMode, schemaName } from './postgres.ts';
import type { RawStore } from './raw-store.ts';

export const fnArn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

export interface Testbed {
  app: App;
  url: string;
  dir: string;
  cognito: CognitoIdentityProviderClient;
  /** Milliseconds added to the server's clock; `frozenAt` stops it (ordering without wall-clock races). */
  clock: { offset: number; frozenAt?: number };
  /** Where the server keeps its data, for reading rows past it (raw-store.ts). */
  raw: RawStore;
  close(): Promise<void>;
}

/**
 * A development-mode server on a free port; `functions` maps a name to a module's source (its ARN is
 * fnArn(name)); `settings` are more keys of the config file.
 */
export async function startTestbed(functions: Record<string, string> = {}, settings: Record<string, unknown> = {}): Promise<Testbed> {
  const dir = mkdtempSync(join(tmpdir(), 'cognate-auth-'));
  writeFileSync(join(dir, 'package.json'), '{"type": "module"}');
  const map: Record<string, { module: string }> = {};
  for (const [name, source] of Object.entries(functions)) {
    writeFileSync(join(dir, `${name}.mjs`), source);
    map[fnArn(name)] = { module: `./${name}.mjs#handler` };
  }
  const configFile = join(dir, 'cognate.json');
  writeFileSync(configFile, JSON.stringify({ ...settings, functions: map }));
  const clock: Testbed['clock'] = { offset: 0 };
  // COGNATE_TEST_STORE=postgres: on a schema of the test database of its own.
  const schema = postgresMode() ? schemaName('auth') : undefined;
  if (schema) dropAtExit(schema);
  const app = await createApp(
    loadConfig(['--config', configFile, '--db', join(dir, 'db.sqlite'), ...(schema ? postgresArgs(schema) : []), '--port', '0', '--log-level', 'silent'], {}),
    { clock: { now: () => (clock.frozenAt ?? Date.now()) + clock.offset } },
  );
  const url = await app.listen();
  const cognito = new CognitoIdentityProviderClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, maxAttempts: 1 });
  return {
    app, url, dir, cognito, clock,
    raw: schema ? { kind: 'postgres', schema } : { kind: 'sqlite', file: join(dir, 'db.sqlite') },
    async close() {
      cognito.destroy();
      await app.close();
      rmSync(dir, { recursive: true, force: true });
      if (schema) await dropSchemas([schema]);
    },
  };
}

export async function createPool(tb: Testbed, input: Partial<CreateUserPoolRequest> = {}): Promise<PoolRecord> {
  const out = await tb.cognito.send(new CreateUserPoolCommand({ PoolName: 'auth', ...input }));
  return (await tb.app.store.pools.get(out.UserPool!.Id!))!;
}

export const ALL_FLOWS = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] as const;

export async function createClient(tb: Testbed, pool: PoolRecord, input: Partial<CreateUserPoolClientRequest> = {}): Promise<ClientRecord> {
  const out = await tb.cognito.send(new CreateUserPoolClientCommand({ UserPoolId: pool.id, ClientName: 'app', ExplicitAuthFlows: [...ALL_FLOWS], ...input }));
  return (await tb.app.store.clients.get(pool.id, out.UserPoolClient!.ClientId!))!;
}

export interface NewUser {
  username: string;
  password?: string;
  status?: UserStatus;
  enabled?: boolean;
  attributes?: Record<string, string>;
  /** The password is an administrator's temporary one (FORCE_CHANGE_PASSWORD). */
  temporary?: boolean;
}

/** Writes a user into the store as the user operations would have left it. */
export async function createTestUser(tb: Testbed, pool: PoolRecord, u: NewUser): Promise<UserRecord> {
  const now = tb.app.deps.clock.now();
  const sub = newSub(cryptoRandom);
  const user: UserRecord = {
    poolId: pool.id, sub, username: u.username, status: u.status ?? (u.temporary ? 'FORCE_CHANGE_PASSWORD' : 'CONFIRMED'), enabled: u.enabled ?? true,
    attributes: { sub, ...u.attributes }, pending: {}, password: null, settings: {}, createdAt: now, lastModifiedAt: now, version: 1,
  };
  if (u.password) user.password = await passwordRecord(pool, user, u.password, { random: cryptoRandom, sealer: tb.app.deps.sealer, passwordHasher: tb.app.deps.passwordHasher, now }, u.temporary ?? false);
  await tb.app.store.users.create(user, userKeys(pool.config, user));
  return user;
}

/** aws-jwt-verify's verifier for the pool, loaded with Cognate's JWKS (it fetches only https URIs itself). */
export async function jwtVerifier(tb: Testbed, pool: PoolRecord, clientId: string, tokenUse: 'access' | 'id') {
  const issuer = `${tb.url}/${pool.id}`;
  const jwksUri = `${issuer}/.well-known/jwks.json`;
  const verifier = JwtRsaVerifier.create({ issuer, audience: tokenUse === 'id' ? clientId : null, jwksUri });
  verifier.cacheJwks((await (await fetch(jwksUri)).json()) as Parameters<typeof verifier.cacheJwks>[0]);
  return verifier;
}

/** The claims of a JWT, unverified (for tests that compare claims across tokens). */
export const claimsOf = (jwt: string): Record<string, unknown> => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));

/** Asserts a promise rejects with this Cognito error type and message. */
export async function rejectsWith(p: Promise<unknown>, type: string, message?: string | RegExp): Promise<void> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string };
    if (err.name !== type) throw new Error(`expected ${type}, got ${err.name}: ${err.message}`, { cause: e });
    if (message instanceof RegExp ? !message.test(err.message) : message !== undefined && err.message !== message) {
      throw new Error(`expected ${type} "${String(message)}", got "${err.message}"`, { cause: e });
    }
    return;
  }
  throw new Error(`expected ${type}, but it succeeded`);
}
