import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { IdentityProviderRecord } from '../../domain/identity-provider.ts';
import { UpstreamConfigurations } from '../../services/federation/upstream-http.ts';
import type { Sealer } from '../../services/sealing/sealer.ts';
import { startUpstream } from './oidc-upstream.ts';

describe('an upstream that misbehaves', () => {
  let server: Server;
  let base: string;
  before(async () => {
    server = createServer((req, res) => {
      if (req.url?.startsWith('/evil/.well-known')) {
        res.setHeader('content-type', 'application/json');
        return void res.end(JSON.stringify({ issuer: `${base}/evil`, authorization_endpoint: 'http://10.0.0.1/authorize', token_endpoint: `${base}/token`, jwks_uri: `${base}/jwks` }));
      }
      // Anything else (/hang): never answered.
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  const provider = (issuer: string, more: Record<string, string> = {}): IdentityProviderRecord => ({
    poolId: 'us-east-1_X', name: 'Corp', type: 'OIDC', identifiers: [], attributeMapping: {}, createdAt: 0, lastModifiedAt: 0,
    details: { client_id: 'c', attributes_request_method: 'GET', oidc_issuer: issuer, authorize_scopes: 'email', ...more },
  });
  // No client_secret in these providers: the sealer is never asked.
  const deps = (timeoutSeconds: number) => ({ sealer: {} as Sealer, clock: { now: () => Date.now() }, upstream: new UpstreamConfigurations({ now: () => Date.now() }, { timeoutSeconds }) });

  it('gives up on an upstream that does not answer, with a federation error rather than a hang', async () => {
    const started = Date.now();
    await assert.rejects(startUpstream(deps(1), provider(`${base}/hang`), { redirectUri: 'https://x.example/cb' }), { name: 'NotAuthorizedException', message: /discovery document cannot be read/ });
    assert.ok(Date.now() - started < 5000);
  });

  it('refuses a discovered endpoint that is not https (nor loopback http)', async () => {
    await assert.rejects(startUpstream(deps(5), provider(`${base}/evil`), { redirectUri: 'https://x.example/cb' }), { name: 'NotAuthorizedException', message: /authorization_endpoint is not an https URL/ });
  });

  it('uses the endpoints given instead of discovering them, and asks for openid whatever the scopes', async () => {
    const p = provider(`${base}/nowhere`, { authorize_url: 'https://idp.example.com/authorize', token_url: 'https://idp.example.com/token', jwks_uri: 'https://idp.example.com/jwks' });
    const { url } = await startUpstream(deps(1), p, { redirectUri: 'https://x.example/cb' });
    assert.ok(url.startsWith('https://idp.example.com/authorize?'));
    assert.equal(new URL(url).searchParams.get('scope'), 'openid email');
  });

  it('answers a provider type it cannot sign in with yet with a federation error', async () => {
    await assert.rejects(startUpstream(deps(1), { ...provider(base), type: 'SAML' }, { redirectUri: 'https://x.example/cb' }), { name: 'NotAuthorizedException', message: /provider type SAML is not supported/ });
  });
});
