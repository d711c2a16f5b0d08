import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { friendlyName, originAllowed, passkeysEnabled, relyingPartyId } from './passkey.ts';
import type { PoolConfig } from './pool.ts';

const withFactors = (factors: string[], over: object = {}): PoolConfig => ({ Policies: { SignInPolicy: { AllowedFirstAuthFactors: factors as never } }, ...over });

describe('passkey rules', () => {
  it('enables passkeys where WEB_AUTHN is a first factor, outside the Lite tier', () => {
    assert.equal(passkeysEnabled(withFactors(['PASSWORD'])), false);
    assert.equal(passkeysEnabled(withFactors(['PASSWORD', 'WEB_AUTHN'])), true);
    assert.equal(passkeysEnabled(withFactors(['WEB_AUTHN'], { UserPoolTier: 'LITE' })), false);
    assert.equal(passkeysEnabled({}), false);
  });

  it('takes the relying party id set, else the issuer\'s host name, loopback as localhost, never an IP address', () => {
    const set = { MfaSettings: { WebAuthn: { RelyingPartyId: 'Example.COM' } } } as PoolConfig;
    assert.equal(relyingPartyId(set, 'http://127.0.0.1:9325'), 'example.com');
    assert.equal(relyingPartyId({}, 'http://127.0.0.1:9325'), 'localhost');
    assert.equal(relyingPartyId({}, 'http://[::1]:9325'), 'localhost');
    assert.equal(relyingPartyId({}, 'http://localhost:9325'), 'localhost');
    assert.equal(relyingPartyId({}, 'https://auth.example.com'), 'auth.example.com');
    assert.equal(relyingPartyId({}, 'http://10.0.0.5:9325'), undefined);
  });

  it('allows https origins of the relying party and its subdomains, and http for localhost on any port', () => {
    assert.equal(originAllowed('https://example.com', 'example.com'), true);
    assert.equal(originAllowed('https://app.example.com', 'example.com'), true);
    assert.equal(originAllowed('https://app.example.com:8443', 'example.com'), true);
    assert.equal(originAllowed('http://example.com', 'example.com'), false, 'http only for localhost');
    assert.equal(originAllowed('https://badexample.com', 'example.com'), false);
    assert.equal(originAllowed('https://example.com.evil.net', 'example.com'), false);
    assert.equal(originAllowed('https://example.com', 'app.example.com'), false, 'not a parent of the RP id');
    assert.equal(originAllowed('http://localhost:5173', 'localhost'), true);
    assert.equal(originAllowed('http://localhost', 'localhost'), true);
    assert.equal(originAllowed('http://127.0.0.1:5173', 'localhost'), false);
    assert.equal(originAllowed('https://example.com/path', 'example.com'), false, 'an origin, not a URL');
    assert.equal(originAllowed('not a url', 'example.com'), false);
  });

  it('names a passkey by its provider when known', () => {
    assert.equal(friendlyName('EA9B8D66-4D01-1D21-3CE4-B6B48CB575D4', 'platform'), 'Google Password Manager passkey');
    assert.equal(friendlyName('00000000-0000-0000-0000-000000000000', 'cross-platform'), 'Security key');
    assert.equal(friendlyName('00000000-0000-0000-0000-000000000000', undefined), 'Passkey');
  });
});
