/**
 * Password hashes and SRP verifiers at rest (issue 18, finding 9): sealed under the master key in
 * the rows of the SQLite file and of PostgreSQL, so that a copy of the database alone allows no
 * offline guessing; sign-in with a password and through SRP (amazon-cognito-identity-js) still
 * works; a database opened with another key verifies no password, answering a Cognito error and
 * logging why; and the key can be rotated (previousMasterKeys, `cognate reseal`). The same for the
 * secrets of issue 20's factors (TOTP secrets, remembered devices' verifiers, passkeys' public
 * keys): sealed, moved by `cognate reseal`, and signed in with after the old key is gone. Real
 * servers, started as processes.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { legacyScryptHash } from '../support/legacy-hash.ts';
import { createVerifier } from '../../src/services/passwords/srp.ts';
import { cryptoRandom } from '../../src/ground/random.ts';
import { masterKeyId, Sealer } from '../../src/services/sealing/sealer.ts';
import { createUser, deviceSignIn, enrolTotp, passkeySignIn, setUpFactors, totpSignIn, type Factors } from '../support/factors-at-rest.ts';
import { dropAtExit, dropSchemas, postgresArgs, postgresMode, postgresUnavailable, schemaName } from '../support/postgres.ts';
import { rawRows, type RawStore } from '../support/raw-store.ts';
import { sdkClient, startServer, type Server } from './harness.ts';

const require = createRequire(import.meta.url);
const { AuthenticationDetails, CognitoUser, CognitoUserPool } = require('amazon-cognito-identity-js');
const MAIN = new URL('../../src/main.ts', import.meta.url).pathname;
const PASSWORD = 'Corr3ct-horse';

/** The CLI on the test's own store (a developer's DATABASE_URL must not choose it). */
const cli = (...args: string[]) =>
  new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['DATABASE_URL', 'COGNATE_POSTGRES_URL', 'COGNATE_POSTGRES_SCHEMA', 'COGNATE_MASTER_KEY', 'COGNATE_PREVIOUS_MASTER_KEYS'].includes(k)));
    execFile(process.execPath, [MAIN, ...args], { encoding: 'utf8', env }, (error, stdout, stderr) => resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });

/** SRP sign-in as Amplify applications do it: the outcome, or the error's name. */
function srpSignIn(poolId: string, clientId: string, url: string, username: string): Promise<string> {
  const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: url });
  return new Promise((resolve) => {
    new CognitoUser({ Username: username, Pool: pool }).authenticateUser(new AuthenticationDetails({ Username: username, Password: PASSWORD }), {
      onSuccess: () => resolve('signed in'),
      onFailure: (e: Error & { code?: string }) => resolve(`${e.code ?? e.name}: ${e.message}`),
    });
  });
}

const stores: { name: string; skip?: string }[] = [
  { name: 'SQLite', skip: postgresMode() ? 'every server runs on PostgreSQL (COGNATE_TEST_STORE=postgres): see the PostgreSQL suite' : undefined },
  { name: 'PostgreSQL', skip: await postgresUnavailable() },
];

for (const { name, skip } of stores) {
  describe(`secrets at rest on ${name}`, { skip }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'cognate-at-rest-'));
    const db = join(dir, 'cognate.db');
    const schema = name === 'PostgreSQL' ? schemaName('atrest') : undefined;
    if (schema) dropAtExit(schema);
    const raw: RawStore = schema ? { kind: 'postgres', schema } : { kind: 'sqlite', file: db };
    const [k1, k2] = [randomBytes(32).toString('base64'), randomBytes(32).toString('base64')];
    const [id1, id2] = [k1, k2].map((k) => masterKeyId(Buffer.from(k, 'base64')));
    const storeArgs = schema ? postgresArgs(schema) : [];
    let server: Server | undefined;
    let poolId: string;
    let clientId: string;

    const start = async (...keys: string[]) => {
      await server?.stop();
      server = await startServer({ db, args: [...storeArgs, ...keys] });
      return server;
    };
    const passwordSignIn = (username: string) =>
      sdkClient(server!.url).send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD } }));
    const failure = (p: Promise<unknown>) => p.then(() => 'signed in', (e: Error & { $metadata?: { httpStatusCode?: number } }) => `${e.name} ${e.$metadata?.httpStatusCode}: ${e.message}`);
    const passwordRow = async (username: string) => {
      const [row] = await rawRows(raw, 'SELECT password FROM users WHERE pool_id = ? AND username = ?', [poolId, username]);
      return row.password as string;
    };
    const signingKeyRows = async () => (await rawRows(raw, 'SELECT private_key_enc FROM signing_keys WHERE pool_id = ?', [poolId])).map((r) => r.private_key_enc as string);
    let f: Factors;
    /** The sealed values of the factors' users, as the rows hold them. */
    const factorRows = async (totpUser = 'tess') => {
      const [settings] = await rawRows(raw, 'SELECT settings FROM users WHERE pool_id = ? AND username = ?', [f.poolId, totpUser]);
      const [device] = await rawRows(raw, 'SELECT verifier FROM devices WHERE pool_id = ? AND device_key = ?', [f.poolId, f.device.secret.key]);
      const [passkey] = await rawRows(raw, 'SELECT public_key FROM passkeys WHERE pool_id = ? AND credential_id = ?', [f.poolId, f.passkey.credential.id]);
      const settingsText = settings.settings as string;
      return { settingsText, totp: JSON.parse(settingsText).SoftwareToken.secret as string, device: device.verifier as string, passkey: passkey.public_key as string };
    };
    const sealedUnder = async (id: string, totpUser?: string) => {
      const rows = await factorRows(totpUser);
      for (const what of ['totp', 'device', 'passkey'] as const) assert.match(rows[what], new RegExp(`^v2\\.${id}\\.`), `the ${what} row sealed under ${id}`);
    };

    before(async () => {
      const s = await start('--master-key', k1);
      const cognito = sdkClient(s.url);
      poolId = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'at-rest' }))).UserPool!.Id!;
      clientId = (await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }))).UserPoolClient!.ClientId!;
      for (const username of ['alice', 'bob']) {
        await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: username, MessageAction: 'SUPPRESS' }));
        await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: PASSWORD, Permanent: true }));
      }
      f = await setUpFactors(cognito);
    });
    after(async () => {
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
      if (schema) await dropSchemas([schema]);
    });

    it('keeps no password hash or SRP verifier in clear in the rows, and signs in with the password and through SRP', async () => {
      for (const username of ['alice', 'bob']) {
        const text = await passwordRow(username);
        assert.ok(!text.includes('scrypt'), `no scrypt hash in clear: ${text}`);
        const stored = JSON.parse(text);
        assert.match(stored.hash, new RegExp(`^v2\\.${id1}\\.`), 'the hash is sealed under the configured key, which it names');
        assert.match(stored.srpVerifier, new RegExp(`^v2\\.${id1}\\.`), 'so is the SRP verifier');
        assert.doesNotMatch(text, /[0-9a-f]{512}/, 'no verifier in hex anywhere in the row');
      }
      for (const k of await signingKeyRows()) assert.match(k, new RegExp(`^v2\\.${id1}\\.`));
      assert.ok((await passwordSignIn('alice')).AuthenticationResult?.AccessToken);
      assert.equal(await srpSignIn(poolId, clientId, server!.url, 'alice'), 'signed in');
    });

    it("keeps TOTP secrets, devices' verifiers and passkeys' public keys sealed, and signs in with a device and a passkey (with TOTP after the rotation below)", async () => {
      await sealedUnder(id1);
      const rows = await factorRows();
      assert.ok(!rows.settingsText.includes(f.totp.secret), 'no TOTP secret in clear in the settings');
      assert.doesNotMatch(rows.device, /[0-9a-f]{64}/, 'no verifier in hex');
      const cognito = sdkClient(server!.url);
      assert.equal(await deviceSignIn(cognito, f), 'signed in');
      assert.equal(await passkeySignIn(cognito, f), 'signed in');
    });

    it('verifies no password on a database opened with another master key: a Cognito error, not a 5xx, and the reason in the log', async () => {
      const s = await start('--master-key', k2);
      const refused = 'NotAuthorizedException 400: Incorrect username or password.';
      // More attempts than the lockout allows: a key missing from the configuration is not the user's fault.
      for (let i = 0; i < 7; i++) assert.equal(await failure(passwordSignIn('alice')), refused);
      assert.equal(await srpSignIn(poolId, clientId, s.url, 'alice'), 'NotAuthorizedException: Incorrect username or password.');
      const errors = () => s.logs.flatMap((l) => (l.startsWith('{') ? [JSON.parse(l)] : [])).filter((e) => e.level === 50);
      // The server's log lines come through a pipe, a little after its answers.
      for (let waited = 0; errors().length < 8 && waited < 3000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      assert.equal(errors().length, 8, 'an error logged per refused sign-in');
      const [first] = errors();
      assert.match(first.msg, new RegExp(`cannot check the password: a password-hash is sealed under master key ${id1}, which is not configured \\(masterKey, previousMasterKeys\\)`));
      assert.equal(first.masterKeyId, id1);
      assert.ok(!s.logs.some((l) => l.includes(PASSWORD)));

      // A passkey needs no password: its public key, unopenable, is answered as a wrong passkey.
      assert.equal(await passkeySignIn(sdkClient(s.url), f), 'NotAuthorizedException 400: Passkey authentication failed.');
      for (let waited = 0; errors().length < 9 && waited < 3000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      assert.match(errors()[8]?.msg ?? '', new RegExp(`cannot check the passkey: a passkey-public-key is sealed under master key ${id1}, which is not configured`));
    });

    it('rotates: a previous key still opens, a sign-in reseals under the new key, `cognate reseal` moves the rest, and then the old key can go', async () => {
      await start('--master-key', k2, '--previous-master-keys', k1);
      assert.ok((await passwordSignIn('alice')).AuthenticationResult?.AccessToken, 'a token signed with the key sealed under the previous master key');
      assert.match(JSON.parse(await passwordRow('alice')).hash, new RegExp(`^v2\\.${id2}\\.`), "alice's record sealed anew when she signed in");
      assert.match(JSON.parse(await passwordRow('bob')).hash, new RegExp(`^v2\\.${id1}\\.`), "bob's waits");

      const r = await cli('reseal', '--db', db, ...storeArgs, '--master-key', k2, '--previous-master-keys', k1, '--log-level', 'silent');
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`current master key: ${id2}`));
      // alice's moved when she signed in; bob's and the factors' three users' wait.
      assert.match(r.stdout, /password records: 4 sealed anew, 1 already under it\n/);
      assert.match(r.stdout, /TOTP secrets: 1 sealed anew, 0 already under it\n/);
      assert.match(r.stdout, /device verifiers: 1 sealed anew, 0 already under it\n/);
      assert.match(r.stdout, /passkey public keys: 1 sealed anew, 0 already under it\n/);
      assert.match(r.stdout, /signing keys: 2 sealed anew, 0 already under it\n/);
      for (const username of ['alice', 'bob']) {
        const stored = JSON.parse(await passwordRow(username));
        for (const v of [stored.hash, stored.srpVerifier]) assert.match(v, new RegExp(`^v2\\.${id2}\\.`));
      }
      for (const k of await signingKeyRows()) assert.match(k, new RegExp(`^v2\\.${id2}\\.`));
      await sealedUnder(id2);

      const s = await start('--master-key', k2);
      assert.equal(await srpSignIn(poolId, clientId, s.url, 'bob'), 'signed in');
      assert.ok((await passwordSignIn('alice')).AuthenticationResult?.AccessToken);
      const cognito = sdkClient(s.url);
      assert.equal(await totpSignIn(cognito, f.clientId, f.totp), 'signed in', 'TOTP, the old key gone');
      assert.equal(await deviceSignIn(cognito, f), 'signed in', 'a remembered device');
      assert.equal(await passkeySignIn(cognito, f), 'signed in', 'a passkey');
      const again = await cli('reseal', '--db', db, ...storeArgs, '--master-key', k1);
      assert.equal(again.status, 1, 'the old key alone opens nothing any more');
      assert.match(again.stderr, new RegExp(`sealed under master keys that are not configured \\(${id2}\\)`));
    });

    it('reads records kept in clear before sealing existed, and seals them when next written', async () => {
      await server!.stop();
      // The record as an earlier version of Cognate wrote it.
      const { salt, verifier } = createVerifier(poolId, 'bob', PASSWORD, (n) => randomBytes(n));
      const clear = { hash: await legacyScryptHash(PASSWORD), srpSalt: salt, srpVerifier: verifier, setAt: Date.now(), expiresAt: null };
      await rawRows(raw, 'UPDATE users SET password = ? WHERE pool_id = ? AND username = ?', [JSON.stringify(clear), poolId, 'bob']);
      const s = await start('--master-key', k2);
      assert.equal(await srpSignIn(poolId, clientId, s.url, 'bob'), 'signed in', 'SRP against a verifier in clear');
      const resealed = JSON.parse(await passwordRow('bob'));
      for (const v of [resealed.hash, resealed.srpVerifier]) assert.match(v, new RegExp(`^v2\\.${id2}\\.`), 'sealed by the sign-in');
      assert.ok((await passwordSignIn('bob')).AuthenticationResult?.AccessToken);
    });

    it("reads a TOTP secret, a device's verifier and a passkey's public key in clear as they are (none is written so), and `cognate reseal` seals them", async () => {
      const cognito0 = sdkClient(server!.url);
      const tina = await enrolTotp(cognito0, f.clientId, await createUser(cognito0, f.poolId, 'tina'));
      await server!.stop();
      // The rows edited to hold their values in clear, as a database from before sealing would.
      const opener = new Sealer(Buffer.from(k2, 'base64'), [], cryptoRandom);
      const rows = await factorRows('tina');
      const settings = JSON.parse(rows.settingsText);
      settings.SoftwareToken.secret = opener.open(rows.totp, 'totp-secret');
      await rawRows(raw, 'UPDATE users SET settings = ? WHERE pool_id = ? AND username = ?', [JSON.stringify(settings), f.poolId, 'tina']);
      await rawRows(raw, 'UPDATE devices SET verifier = ? WHERE pool_id = ? AND device_key = ?', [opener.open(rows.device, 'device-verifier'), f.poolId, f.device.secret.key]);
      await rawRows(raw, 'UPDATE passkeys SET public_key = ? WHERE pool_id = ? AND credential_id = ?', [opener.open(rows.passkey, 'passkey-public-key'), f.poolId, f.passkey.credential.id]);
      assert.equal((await factorRows('tina')).totp, tina.secret);

      const s = await start('--master-key', k2);
      const cognito = sdkClient(s.url);
      assert.equal(await totpSignIn(cognito, f.clientId, tina), 'signed in', 'a TOTP secret in clear');
      assert.equal(await deviceSignIn(cognito, f), 'signed in', "a device's verifier in clear");
      assert.equal(await passkeySignIn(cognito, f), 'signed in', "a passkey's public key in clear");

      const r = await cli('reseal', '--db', db, ...storeArgs, '--master-key', k2, '--log-level', 'silent');
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /TOTP secrets: 1 sealed anew \(1 of them were in clear\), 1 already under it\n/, "tina's in clear, tess's already sealed");
      assert.match(r.stdout, /device verifiers: 1 sealed anew \(1 of them were in clear\), 0 already under it\n/);
      assert.match(r.stdout, /passkey public keys: 1 sealed anew \(1 of them were in clear\), 0 already under it\n/);
      await sealedUnder(id2, 'tina');
      assert.equal(await deviceSignIn(cognito, f), 'signed in');
      assert.equal(await passkeySignIn(cognito, f), 'signed in');
    });
  });
}
