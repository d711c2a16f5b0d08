import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../ground/config/config.ts';
import { corsOrigins, originAllowed, parseCorsOrigins } from './cors.ts';

describe('CORS origins', () => {
  it('matches exact origins, and subdomains (at any depth) of a wildcard one, scheme and port included', () => {
    const allowed = parseCorsOrigins('https://app.example.com, https://*.example.org, http://localhost:5173/', 'f');
    assert.deepEqual(allowed, ['https://app.example.com', 'https://*.example.org', 'http://localhost:5173']);
    for (const o of ['https://app.example.com', 'https://A.example.org', 'https://x.y.example.org', 'http://localhost:5173']) assert.ok(originAllowed(o, allowed), o);
    for (const o of ['http://app.example.com', 'https://example.org', 'https://evilexample.org', 'https://app.example.com:444', 'http://localhost:5174', 'null']) {
      assert.ok(!originAllowed(o, allowed), o);
    }
  });

  it('defaults to any origin in development and none in production', () => {
    assert.deepEqual(corsOrigins(undefined, 'development'), ['*']);
    assert.deepEqual(corsOrigins(undefined, 'production'), []);
    assert.ok(originAllowed('https://anything.test', corsOrigins(undefined, 'development')));
  });

  it('refuses what is not an origin', () => {
    for (const bad of ['app.example.com', 'https://app.example.com/path', ['ftp://x.test'], 5]) {
      assert.throws(() => parseCorsOrigins(bad, 'cors'), ConfigError, String(bad));
    }
  });
});
