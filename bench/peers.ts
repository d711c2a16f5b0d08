/**
 * The peers, each started, seeded and stopped by the benchmark: cognito-local (the npm package,
 * a devDependency) and moto's server (this machine's Python). A peer that cannot start is
 * reported as missing with the reason, never estimated.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PASSWORD, stopChild, waitForHttp, type Running, type SignedIn } from './cognate.ts';
import { TARGET } from './load.ts';

export interface Peer extends Running {
  name: string;
  clientId: string;
  users: SignedIn[];
  /** The codes each user holds now (after a round of GetUserAttributeVerificationCode), when the peer can tell. */
  codes?: () => string[];
  closesConnections?: boolean;
}

/** One awsJson1.1 call (a signature's shape without a signature: neither peer checks one, nor Cognate in development). */
export async function call(url: string, operation: string, body: object): Promise<Record<string, any>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': TARGET + operation, authorization: 'AWS4-HMAC-SHA256 Credential=local/20240101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=00', 'x-amz-date': '20240101T000000Z' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${operation}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : {};
}

/** Runs `work` over `items`, `width` at a time. */
export async function each<T, R>(items: T[], width: number, work: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i], i);
    }
  }));
  return out;
}

const signInAll = (url: string, clientId: string, names: { username: string; sub: string }[]) =>
  each(names, 8, async (u) => {
    const r = await call(url, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: u.username, PASSWORD } });
    return { ...u, accessToken: r.AuthenticationResult.AccessToken as string };
  });

const attributes = (i: number) => {
  const n = String(i).padStart(7, '0');
  return { email: `user${n}@example.com`, email_verified: 'false', phone_number: `+1555${n}`, phone_number_verified: 'false', name: `Bench User ${n}`, given_name: 'Bench', family_name: `User ${n}` };
};

const COGNITO_LOCAL = (() => {
  try {
    return createRequire(import.meta.url).resolve('cognito-local/lib/bin/start.js');
  } catch {
    return undefined;
  }
})();

export async function cognitoLocalVersion(): Promise<string | undefined> {
  if (!COGNITO_LOCAL) return undefined;
  return JSON.parse(readFileSync(join(COGNITO_LOCAL, '../../../package.json'), 'utf8')).version;
}

export function startCognitoLocal(dir: string, port: number): Promise<Running> {
  if (!COGNITO_LOCAL) throw new Error('the cognito-local package is not installed (npm install)');
  // Its own defaults: data in ./.cognito of its working directory, a log line per request.
  const child = spawn(process.execPath, [COGNITO_LOCAL], { cwd: dir, env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr!.on('data', (d) => (output = (output + d).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  return waitForHttp(url, child, 'cognito-local', () => output).then(() => ({ url, pid: child.pid!, child, stop: () => stopChild(child) }));
}

/**
 * cognito-local keeps each pool in a JSON file (stormdb) that it reads at start: the pool and
 * client are made through its API, then the users are written into the file while it is stopped
 * (its users are keyed by username; the username is the sub, as it names users itself in pools
 * that sign in with email, so its lookups by the token's sub are direct), then it starts again
 * and each user signs in through the API.
 */
export async function cognitoLocal(dir: string, port: number, users: number): Promise<Peer> {
  mkdirSync(dir, { recursive: true });
  let server = await startCognitoLocal(dir, port);
  const pool = (await call(server.url, 'CreateUserPool', { PoolName: 'bench', AutoVerifiedAttributes: ['email'] })).UserPool;
  const client = (await call(server.url, 'CreateUserPoolClient', { UserPoolId: pool.Id, ClientName: 'bench', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] })).UserPoolClient;
  await server.stop();

  const file = join(dir, '.cognito', 'db', `${pool.Id}.json`);
  const data = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { Options: pool };
  data.Users ??= {};
  const names: { username: string; sub: string }[] = [];
  const now = new Date().toISOString();
  for (let i = 0; i < users; i++) {
    const sub = randomUUID();
    const attrs = Object.entries({ sub, ...attributes(i) }).map(([Name, Value]) => ({ Name, Value })).sort((a, b) => a.Name.localeCompare(b.Name));
    data.Users[sub] = { Username: sub, Password: PASSWORD, Attributes: attrs, Enabled: true, UserStatus: 'CONFIRMED', UserCreateDate: now, UserLastModifiedDate: now, RefreshTokens: [] };
    names.push({ username: sub, sub });
  }
  writeFileSync(file, JSON.stringify(data));

  server = await startCognitoLocal(dir, port);
  const signedIn = await signInAll(server.url, client.ClientId, names);
  return {
    ...server, name: 'cognito-local', clientId: client.ClientId, users: signedIn,
    // It writes the file on every change, so the codes it sent are there.
    codes: () => {
      const now = JSON.parse(readFileSync(file, 'utf8')).Users;
      return signedIn.map((u) => now[u.username].AttributeVerificationCode as string);
    },
  };
}

/** moto, when `python3 -c "import moto"` works here. */
export function motoVersion(): string | undefined {
  const r = spawnSync('python3', ['-c', 'import moto, flask; print(moto.__version__)'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** moto's server keeps everything in memory: the pool, client and users are made through its API. */
export async function startMoto(port: number): Promise<Running> {
  const child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, AWS_DEFAULT_REGION: 'us-east-1' } });
  let output = '';
  child.stderr!.on('data', (d) => (output = (output + d).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(url, child, 'moto', () => output);
  return { url, pid: child.pid!, child, stop: () => stopChild(child) };
}

export async function moto(port: number, users: number): Promise<Peer> {
  const server = await startMoto(port);
  const url = server.url;
  const pool = (await call(url, 'CreateUserPool', { PoolName: 'bench', AutoVerifiedAttributes: ['email'] })).UserPool;
  const client = (await call(url, 'CreateUserPoolClient', { UserPoolId: pool.Id, ClientName: 'bench', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] })).UserPoolClient;
  const names = await each(Array.from({ length: users }, (_, i) => i), 8, async (i) => {
    const username = `user${String(i).padStart(7, '0')}`;
    const r = await call(url, 'AdminCreateUser', {
      UserPoolId: pool.Id, Username: username, MessageAction: 'SUPPRESS', TemporaryPassword: 'Temp-passw0rd!',
      UserAttributes: Object.entries(attributes(i)).map(([Name, Value]) => ({ Name, Value })),
    });
    await call(url, 'AdminSetUserPassword', { UserPoolId: pool.Id, Username: username, Password: PASSWORD, Permanent: true });
    return { username, sub: (r.User.Attributes as { Name: string; Value: string }[]).find((a) => a.Name === 'sub')!.Value };
  });
  // Werkzeug's development server answers every request with Connection: close.
  return { ...server, name: 'moto', clientId: client.ClientId, users: await signInAll(url, client.ClientId, names), closesConnections: true };
}
