import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../ground/config/config.ts';
import { parseTrustProxy } from './trust-proxy.ts';

describe('trustProxy', () => {
  it('reads true, yes and 1 as one proxy, false, off and 0 as none, and a count as that many', () => {
    for (const one of [true, 'true', 'yes', 'on', '1', 1]) assert.equal(parseTrustProxy(one, 'x'), 1, String(one));
    for (const none of [false, 'false', 'off', '0', 0]) assert.equal(parseTrustProxy(none, 'x'), false, String(none));
    assert.equal(parseTrustProxy('2', 'x'), 2);
    assert.equal(parseTrustProxy(3, 'x'), 3);
  });

  it("reads the proxies' addresses and CIDR ranges, comma-separated or as a list", () => {
    assert.deepEqual(parseTrustProxy('10.0.0.0/8, 192.168.1.10,fd00::/8', 'x'), ['10.0.0.0/8', '192.168.1.10', 'fd00::/8']);
    assert.deepEqual(parseTrustProxy(['loopback', '172.16.0.0/12'], 'x'), ['loopback', '172.16.0.0/12']);
  });

  it('refuses what is neither', () => {
    for (const bad of ['10.0.0.0/33', 'proxy.internal', '10.0.0.1/8/2', '', [], [1], 21, -1, 1.5, {}]) {
      assert.throws(() => parseTrustProxy(bad, '--trust-proxy'), ConfigError, JSON.stringify(bad));
    }
  });
});
