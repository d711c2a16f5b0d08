import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkOAuth, customScope, isValidRedirectUrl } from './client-oauth.ts';

describe('app client OAuth members', () => {
  it('accepts redirect URLs as AWS documents them and refuses the rest', () => {
    // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html (CallbackURLs)
    for (const ok of ['https://app.example.com/cb', 'http://localhost:3000/cb', 'http://127.0.0.1:53842/cb', 'myapp://example', 'com.example.app:/callback']) {
      assert.ok(isValidRedirectUrl(ok), ok);
    }
    for (const bad of ['/relative', 'app.example.com/cb', 'https://app.example.com/cb#frag', 'http://app.example.com/cb', 'http://localhost.evil.com/', 'javascript:alert(1)', 'data:text/html,x', 'myapp:']) {
      assert.ok(!isValidRedirectUrl(bad), bad);
    }
  });

  it('splits a custom scope at its last slash, so an identifier may be a URL', () => {
    assert.deepEqual(customScope('https://api.example.com/read'), { identifier: 'https://api.example.com', name: 'read' });
    assert.deepEqual(customScope('orders/write'), { identifier: 'orders', name: 'write' });
    assert.equal(customScope('orders/'), undefined);
    assert.equal(customScope('/read'), undefined);
    assert.equal(customScope('orders'), undefined);
  });

  it('checks the flows against the secret and the scopes', () => {
    const m2m = { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['orders/read'] };
    assert.doesNotThrow(() => checkOAuth(m2m, true));
    assert.throws(() => checkOAuth(m2m, false), { type: 'InvalidOAuthFlowException' });
    assert.throws(() => checkOAuth({ ...m2m, AllowedOAuthScopes: ['openid'] }, true), { type: 'InvalidOAuthFlowException', message: 'openid is not supported with client_credentials flow' });
    assert.throws(() => checkOAuth({ ...m2m, AllowedOAuthScopes: ['orders'] }, true), { type: 'ScopeDoesNotExistException' });
    assert.doesNotThrow(() => checkOAuth({}, false));
  });
});
