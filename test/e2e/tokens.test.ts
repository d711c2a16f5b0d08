/**
 * Tokens as clients check them: issued by the token service, verified with aws-jwt-verify and
 * jose against the pool's published JWKS, and refused by the access-token step as Cognito words it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateUserPoolClientCommand, CreateUserPoolCommand, DeleteUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { createApp, type App } from '../../src/app/app.ts';
import { loadConfig } from '../../src/app/config/load.ts';
import { authenticate } from '../../src/services/directory/authenticate.ts';
import { userKeys } from '../../src/domain/user.ts';
import { hashRefreshToken } from '../../src/services/tokens/refresh.ts';
import type { ClientRecord } from '../../src/domain/client.ts';
import type { PoolRecord } from '../../src/domain/pool.ts';
import type { UserRecord } from '../../src/domain/user.ts';
import { sdkClient } from './harness.ts';

describe('tokens', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cognate-tokens-'));
  let app: App;
  let url: string;
  let pool: PoolRecord;
  let client: ClientRecord;
  let user: UserRecord;
  let offset = 0;

  before(async () => {
    app = await createApp(loadConfig(['--db', join(dir, 'db.sqlite'), '--port', '0', '--log-level', 'silent'], {}), { clock: { now: () => Date.now() + offset } });
    url = await app.listen();
    const cognito = sdkClient(url);
    const poolId = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'tokens' }))).UserPool!.Id!;
    const clientId = (await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'app' }))).UserPoolClient!.ClientId!;
    pool = (await app.store.pools.get(poolId))!;
    client = (await app.store.clients.get(poolId, clientId))!;
    user = {
      poolId, sub: '2f0d7c1e-9a3b-4c5d-8e6f-1a2b3c4d5e6f', username: 'alice', status: 'CONFIRMED', enabled: true,
      attributes: { sub: '2f0d7c1e-9a3b-4c5d-8e6f-1a2b3c4d5e6f', email: 'alice@example.com', email_verified: 'true', 'custom:team': 'blue' },
      pending: {}, password: null, settings: {}, createdAt: Date.now(), lastModifiedAt: Date.now(), version: 1,
    };
    await app.store.users.create(user, userKeys(pool.config, user));
  });
  after(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const issue = (over: Partial<Parameters<App['deps']['tokens']['issue']>[0]> = {}) =>
    app.deps.tokens.issue({ pool, client, user, groups: ['admins'], authTime: Math.floor(Date.now() / 1000), withRefreshToken: true, ...over });

  it('publishes the JWKS and the discovery document', async () => {
    const jwks = (await (await fetch(`${url}/${pool.id}/.well-known/jwks.json`)).json()) as { keys: { kty: string; alg: string; kid: string; use: string; n: string; e: string }[] };
    assert.equal(jwks.keys.length, 1);
    assert.deepEqual(Object.keys(jwks.keys[0]).sort(), ['alg', 'e', 'kid', 'kty', 'n', 'use']);
    assert.equal(jwks.keys[0].alg, 'RS256');
    const discovery = (await (await fetch(`${url}/${pool.id}/.well-known/openid-configuration`)).json()) as { issuer: string; jwks_uri: string };
    assert.equal(discovery.issuer, `${url}/${pool.id}`);
    assert.equal(discovery.jwks_uri, `${url}/${pool.id}/.well-known/jwks.json`);
    assert.equal((await fetch(`${url}/us-east-1_nothere00/.well-known/jwks.json`)).status, 404);
  });

  it('issues tokens with Cognito claims that verify with aws-jwt-verify and jose', async () => {
    const t = await issue();
    assert.equal(t.TokenType, 'Bearer');
    assert.equal(t.ExpiresIn, 3600);
    const issuer = `${url}/${pool.id}`;
    const jwksUri = `${issuer}/.well-known/jwks.json`;
    // aws-jwt-verify fetches only https JWKS URIs; load Cognate's JWKS (served over http here) into it instead.
    const verifier = JwtRsaVerifier.create({ issuer, audience: null, jwksUri });
    verifier.cacheJwks(await (await fetch(jwksUri)).json() as Parameters<typeof verifier.cacheJwks>[0]);
    const access = await verifier.verify(t.AccessToken);
    assert.equal(access.token_use, 'access');
    assert.equal(access.client_id, client.clientId);
    assert.equal(access.username, 'alice');
    assert.equal(access.scope, 'aws.cognito.signin.user.admin');
    assert.deepEqual(access['cognito:groups'], ['admins']);
    for (const c of ['sub', 'origin_jti', 'event_id', 'auth_time', 'exp', 'iat', 'jti']) assert.ok(access[c] !== undefined, c);
    assert.equal(access.exp! - access.iat!, 3600);
    const { payload: id } = await jwtVerify(t.IdToken, createRemoteJWKSet(new URL(jwksUri)), { issuer, audience: client.clientId });
    assert.equal(id.token_use, 'id');
    assert.equal(id['cognito:username'], 'alice');
    assert.equal(id.email, 'alice@example.com');
    assert.equal(id.email_verified, true);
    assert.equal(id['custom:team'], 'blue');
    assert.equal(id.origin_jti, access.origin_jti);
    assert.match(t.RefreshToken!, /^[A-Za-z0-9_-]{86}$/);
    assert.equal((await app.store.tokens.getRefresh(hashRefreshToken(t.RefreshToken!)))!.sub, user.sub, 'kept only as a hash');
  });

  it('accepts a valid access token in the shared step', async () => {
    const t = await issue();
    const signedIn = await authenticate(app.deps, t.AccessToken);
    assert.equal(signedIn.user.username, 'alice');
    assert.equal(signedIn.client.clientId, client.clientId);
  });

  const refused = async (token: string, type: string, message: string) =>
    assert.rejects(authenticate(app.deps, token), (e: { type: string; message: string }) => {
      assert.deepEqual([e.type, e.message], [type, message]);
      return true;
    });

  it('refuses malformed, tampered, ID and scope-less tokens', async () => {
    const t = await issue();
    await refused('not.a.token', 'NotAuthorizedException', 'Invalid Access Token');
    const [h, p, s] = t.AccessToken.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), username: 'mallory' })).toString('base64url');
    await refused(`${h}.${forged}.${s}`, 'NotAuthorizedException', 'Invalid Access Token');
    await refused(t.IdToken, 'NotAuthorizedException', 'Invalid Access Token');
    const scopeless = await issue({ accessClaims: { scopes: ['openid'] } });
    await refused(scopeless.AccessToken, 'NotAuthorizedException', 'Access Token does not have required scopes');
  });

  it('refuses an expired token', async () => {
    const t = await issue();
    offset = 3601_000;
    try {
      await refused(t.AccessToken, 'NotAuthorizedException', 'Access Token has expired');
    } finally {
      offset = 0;
    }
  });

  it('refuses revoked tokens: one refresh token, or all of a user', async () => {
    const a = await issue();
    const b = await issue();
    await app.store.tokens.revokeRefresh(hashRefreshToken(a.RefreshToken!), Date.now());
    await refused(a.AccessToken, 'NotAuthorizedException', 'Access Token has been revoked');
    await authenticate(app.deps, b.AccessToken);
    await app.store.tokens.revokeAllForUser(pool.id, user.sub, Date.now());
    await refused(b.AccessToken, 'NotAuthorizedException', 'Access Token has been revoked');
    const after = await issue();
    await authenticate(app.deps, after.AccessToken);
  });

  it('refuses the token of a disabled or deleted user, and of a deleted client', async () => {
    const t = await issue();
    const current = (await app.store.users.get(pool.id, user.sub))!;
    await app.store.users.update({ ...current, enabled: false }, userKeys(pool.config, current));
    await refused(t.AccessToken, 'NotAuthorizedException', 'User is disabled.');
    const disabled = (await app.store.users.get(pool.id, user.sub))!;
    await app.store.users.update({ ...disabled, enabled: true }, userKeys(pool.config, disabled));
    await app.store.users.delete(pool.id, user.sub);
    await refused(t.AccessToken, 'UserNotFoundException', 'User does not exist.');
    await app.store.users.create(user, userKeys(pool.config, user));
    await sdkClient(url).send(new DeleteUserPoolClientCommand({ UserPoolId: pool.id, ClientId: client.clientId }));
    await refused(t.AccessToken, 'ResourceNotFoundException', `User pool client ${client.clientId} does not exist.`);
  });

  it('keeps old keys published after a rotation, so earlier tokens still verify', async () => {
    const before = await issue();
    const newKid = await app.deps.keys.rotate(pool.id);
    const jwks = (await (await fetch(`${url}/${pool.id}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
    assert.equal(jwks.keys.length, 2);
    assert.equal(jwks.keys[0].kid, newKid);
    const { payload } = await jwtVerify(before.IdToken, createRemoteJWKSet(new URL(`${url}/${pool.id}/.well-known/jwks.json`)));
    assert.equal(payload.token_use, 'id');
  });
});
