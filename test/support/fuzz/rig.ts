/**
 * The fuzz test's server: Cognate in this process (development or production mode), driven through
 * Fastify's `inject` (no socket, so tens of thousands of requests stay cheap), with a seed of real
 * resources for generated requests to name: a pool, an app client without and one with a secret, a
 * confirmed user with a password, a group, and the user's tokens. Signed operations are signed
 * with SigV4 as the SDK signs them, with a key the production server is configured to accept.
 */
import { Sha256 } from '../sha256.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignatureV4 } from '@smithy/signature-v4';
import { createApp, type App } from '../../../src/app/app.ts';
import { loadConfig } from '../../../src/app/config/load.ts';
import { userKeys, type UserRecord } from '../../../src/domain/user.ts';
import { operations } from '../../../src/model/cognito-idp.generated.ts';
import { dropAtExit, dropSchemas, postgresArgs, postgresMode, schemaName } from '../postgres.ts';

export type Mode = 'development' | 'production';

/** What the seed holds; generated requests name these through markers (see inputs.ts). */
export interface Seed {
  poolId: string;
  clientId: string;
  secretClientId: string;
  clientSecret: string;
  username: string;
  email: string;
  password: string;
  group: string;
  accessToken: string;
  refreshToken: string;
  /** The user as seeded, to put back. */
  user: UserRecord;
}

export interface Answer {
  status: number;
  body: string;
  headers: Record<string, unknown>;
}

export interface SendOptions {
  /** Leave a signed operation unsigned (default: signed when the model says it is). */
  unsigned?: boolean;
  headers?: Record<string, string>;
}

const KEY = { accessKeyId: 'AKIAFUZZTEST00000001', secretAccessKey: 'fuzz-test-secret-key' };
const TARGET = 'AWSCognitoIdentityProviderService.';


export class FuzzRig {
  readonly app: App;
  readonly mode: Mode;
  readonly #dir: string;
  readonly #schema: string | undefined;
  readonly #signer = new SignatureV4({ credentials: KEY, region: 'us-east-1', service: 'cognito-idp', sha256: Sha256 });
  #seed: Seed | undefined;
  #broken = false;
  /** Requests sent, the seed's included. */
  sent = 0;

  private constructor(app: App, mode: Mode, dir: string, schema: string | undefined) {
    this.app = app;
    this.mode = mode;
    this.#dir = dir;
    this.#schema = schema;
  }

  /**
   * Production mode takes the test's key, and quotas high enough that generated requests reach
   * their handlers. The store is SQLite in memory: the same code as the file store without the
   * wait for the disk on every commit, which would triple the run's time; with
   * COGNATE_TEST_STORE=postgres, a schema of the test database of its own.
   */
  static async start(mode: Mode): Promise<FuzzRig> {
    const dir = mkdtempSync(join(tmpdir(), 'cognate-fuzz-'));
    const config = join(dir, 'cognate.json');
    const rates = { UserAuthentication: 10000, UserCreation: 10000, UserAccountRecovery: 10000, UserRead: 10000, UserUpdate: 10000, UserToken: 10000 };
    writeFileSync(config, JSON.stringify({ credentials: [KEY], limits: { rates } }));
    const schema = postgresMode() ? schemaName('fuzz') : undefined;
    if (schema) dropAtExit(schema);
    const store = schema ? postgresArgs(schema) : ['--db', ':memory:'];
    const app = await createApp(loadConfig(['--config', config, ...store, '--mode', mode, '--log-level', 'silent'], {}));
    await app.server.ready();
    return new FuzzRig(app, mode, dir, schema);
  }

  get seed(): Seed {
    if (!this.#seed) throw new Error('no seed yet: call ensureSeed()');
    return this.#seed;
  }

  /** One request as a client sends it: POST / with the operation's target, signed when the operation is. */
  async send(operation: string, body: string | Buffer, options: SendOptions = {}): Promise<Answer> {
    let headers: Record<string, string> = { host: 'localhost', 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': TARGET + operation, ...options.headers };
    const signed = Object.hasOwn(operations, operation) && !operations[operation].unsigned && !options.unsigned;
    if (signed) {
      const request = { method: 'POST', protocol: 'http:', hostname: 'localhost', path: '/', query: {}, headers, body };
      headers = ((await this.#signer.sign(request as never)) as unknown as { headers: Record<string, string> }).headers;
    }
    this.sent++;
    const res = await this.app.server.inject({ method: 'POST', url: '/', headers, payload: body });
    return { status: res.statusCode, body: res.body, headers: res.headers };
  }

  /** Sends and expects a success: the seed's own calls. */
  async call<T = Record<string, unknown>>(operation: string, input: object): Promise<T> {
    const res = await this.send(operation, JSON.stringify(input));
    if (res.status !== 200) throw new Error(`${operation} answered ${res.status}: ${res.body}`);
    return JSON.parse(res.body) as T;
  }

  /** Signs in with USER_PASSWORD_AUTH on the client without a secret. */
  async signIn(clientId: string, username: string, password: string): Promise<{ AccessToken: string; RefreshToken: string }> {
    const out = await this.call<{ AuthenticationResult: { AccessToken: string; RefreshToken: string } }>('InitiateAuth', {
      ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password },
    });
    return out.AuthenticationResult;
  }

  /**
   * A valid request may take part of the seed away (DeleteUserPool, AdminDeleteUser,
   * AdminDisableUser, GlobalSignOut, ...): that is no fault, but later requests should still reach
   * their handlers. `repairSeed`, after each success, puts the user back as it was and issues new
   * tokens when the old ones are refused, which costs no password hash; a pool, client or group
   * gone leaves the seed broken until `ensureSeed` makes a new one (a new pool's signing key takes
   * a while), before the next operation's run.
   */
  async ensureSeed(): Promise<void> {
    await this.repairSeed();
    if (!this.#seed || this.#broken) {
      this.#seed = await this.#newSeed();
      this.#broken = false;
    }
  }

  async repairSeed(): Promise<void> {
    const s = this.#seed;
    if (!s || this.#broken) return;
    const { store } = this.app;
    const pool = await store.pools.get(s.poolId);
    const client = await store.clients.get(s.poolId, s.clientId);
    if (!pool || !client || !(await store.clients.get(s.poolId, s.secretClientId)) || !(await store.groups.get(s.poolId, s.group))) {
      this.#broken = true;
      return;
    }
    const now = await store.users.get(s.poolId, s.user.sub);
    const user = { ...s.user, version: now?.version ?? 1 };
    if (!now) {
      await store.users.create(user, userKeys(pool.config, user));
      await store.groups.addMember(s.poolId, s.group, user.sub);
    } else if (JSON.stringify({ ...now, version: 0, lastModifiedAt: 0 }) !== JSON.stringify({ ...user, version: 0, lastModifiedAt: 0 })) {
      if (!(await store.users.update(user, userKeys(pool.config, user)))) throw new Error('the seed user changed under the fuzz test');
    }
    if ((await this.send('GetUser', JSON.stringify({ AccessToken: s.accessToken }))).status !== 200) {
      const restored = (await store.users.get(s.poolId, s.user.sub))!;
      const tokens = await this.app.deps.tokens.issue({ pool, client, user: restored, groups: [s.group], authTime: Math.floor(Date.now() / 1000), withRefreshToken: true });
      s.accessToken = tokens.AccessToken!;
      s.refreshToken = tokens.RefreshToken!;
    }
  }

  async #newSeed(): Promise<Seed> {
    const tag = `${Date.now().toString(36)}${this.sent.toString(36)}`;
    const flows = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
    const pool = await this.call<{ UserPool: { Id: string } }>('CreateUserPool', {
      PoolName: `fuzz-${tag}`, AliasAttributes: ['email'], AutoVerifiedAttributes: ['email'],
      Schema: [{ Name: 'tier', AttributeDataType: 'String', Mutable: true }],
    });
    const poolId = pool.UserPool.Id;
    const client = await this.call<{ UserPoolClient: { ClientId: string } }>('CreateUserPoolClient', { UserPoolId: poolId, ClientName: 'public', ExplicitAuthFlows: flows });
    const secret = await this.call<{ UserPoolClient: { ClientId: string; ClientSecret: string } }>('CreateUserPoolClient', {
      UserPoolId: poolId, ClientName: 'secret', GenerateSecret: true, ExplicitAuthFlows: flows,
    });
    const username = 'alice';
    const email = `alice-${tag}@example.com`;
    const password = 'Fuzz-Passw0rd!';
    await this.call('AdminCreateUser', {
      UserPoolId: poolId, Username: username, MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }],
    });
    await this.call('AdminSetUserPassword', { UserPoolId: poolId, Username: username, Password: password, Permanent: true });
    await this.call('CreateGroup', { UserPoolId: poolId, GroupName: 'admins' });
    await this.call('AdminAddUserToGroup', { UserPoolId: poolId, Username: username, GroupName: 'admins' });
    const tokens = await this.signIn(client.UserPoolClient.ClientId, username, password);
    const user = (await this.app.store.users.getByUsername(poolId, username))!;
    return {
      poolId, clientId: client.UserPoolClient.ClientId, secretClientId: secret.UserPoolClient.ClientId, clientSecret: secret.UserPoolClient.ClientSecret,
      username, email, password, group: 'admins', accessToken: tokens.AccessToken, refreshToken: tokens.RefreshToken, user,
    };
  }

  async close(): Promise<void> {
    await this.app.close();
    rmSync(this.#dir, { recursive: true, force: true });
    if (this.#schema) await dropSchemas([this.#schema]);
  }
}
