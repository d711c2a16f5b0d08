import assert from 'node:assert/strict';
import { it } from 'node:test';
import { signInNetwork } from './sign-in.ts';

it('counts sign-in failures per IPv4 address and per IPv6 /64', () => {
  assert.equal(signInNetwork('203.0.113.7'), '203.0.113.7');
  assert.equal(signInNetwork('::ffff:203.0.113.7'), '::ffff:203.0.113.7');
  assert.equal(signInNetwork('2001:db8:1:2:aaaa::1'), '2001:db8:1:2::/64');
  assert.equal(signInNetwork('2001:db8:1:2:bbbb:cccc:dddd:eeee'), '2001:db8:1:2::/64');
  assert.equal(signInNetwork('2001:0db8::1'), '2001:db8:0:0::/64');
  assert.equal(signInNetwork('::1'), '0:0:0:0::/64');
  assert.equal(signInNetwork('fe80::1%eth0'), 'fe80:0:0:0::/64');
});
