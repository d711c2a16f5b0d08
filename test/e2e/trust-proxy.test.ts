/**
 * Which address protection rules judge: the socket's, or, with --trust-proxy, the one a proxy
 * in front of Cognate reports in X-Forwarded-For. A proxy appends the address it received the
 * request from to whatever X-Forwarded-For the client sent, so only the entries the proxies
 * added, counted from the right, can be believed (the header's documented form, MDN and RFC 7239
 * section 5.2: "X-Forwarded-For: <client>, <proxy1>, <proxy2>").
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rawCall } from './harness.ts';
import { startRig } from '../support/rig.ts';

const RULES = JSON.stringify({ default: { deny: ['203.0.113.0/24'] } });
const call = (url: string, headers: Record<string, string>) =>
  rawCall(url, 'AWSCognitoIdentityProviderService.GetUser', JSON.stringify({ AccessToken: 'a.b.c' }), headers);

describe('protection rules and the client address', () => {
  it('ignores X-Forwarded-For unless --trust-proxy says a proxy sets it', async () => {
    const rig = await startRig({ files: { 'rules.json': RULES }, args: ['--protection-rules', '{dir}/rules.json'] });
    try {
      const res = await call(rig.url, { 'x-forwarded-for': '203.0.113.9' });
      assert.equal(res.body.__type, 'NotAuthorizedException', 'a client cannot pick the address it is judged by');
    } finally {
      await rig.close();
    }
  });

  it('judges the address the proxy added, never one the client wrote before it', async () => {
    const rig = await startRig({ files: { 'rules.json': RULES }, args: ['--protection-rules', '{dir}/rules.json', '--trust-proxy'] });
    try {
      // A client in the denied range sends an allowed address; the proxy appends the real one.
      const forged = await call(rig.url, { 'x-forwarded-for': '198.51.100.7, 203.0.113.9' });
      assert.equal(forged.status, 403, 'the leftmost entry is the client\'s own word');
      assert.equal(forged.body.__type, 'ForbiddenException');
      const innocent = await call(rig.url, { 'x-forwarded-for': '203.0.113.9, 198.51.100.7' });
      assert.equal(innocent.body.__type, 'NotAuthorizedException', 'nor can a client get another blocked by naming it');
    } finally {
      await rig.close();
    }
  });

  it('counts as many proxies as --trust-proxy says, or recognises them by address', async () => {
    // A client in the denied range, behind a load balancer (10.0.0.1) and a proxy on this machine.
    const header = { 'x-forwarded-for': '198.51.100.7, 203.0.113.9, 10.0.0.1' };
    for (const trust of ['2', '127.0.0.0/8,10.0.0.0/8']) {
      const rig = await startRig({ files: { 'rules.json': RULES }, args: ['--protection-rules', '{dir}/rules.json', '--trust-proxy', trust] });
      try {
        const res = await call(rig.url, header);
        assert.equal(res.body.__type, 'ForbiddenException', `--trust-proxy ${trust}`);
      } finally {
        await rig.close();
      }
    }
    // The socket's address is not a trusted proxy's: its X-Forwarded-For is not believed at all.
    const rig = await startRig({ files: { 'rules.json': RULES }, args: ['--protection-rules', '{dir}/rules.json', '--trust-proxy', '10.0.0.0/8'] });
    try {
      assert.equal((await call(rig.url, { 'x-forwarded-for': '203.0.113.9' })).body.__type, 'NotAuthorizedException');
    } finally {
      await rig.close();
    }
  });

  it('judges the forwarded address with --trust-proxy', async () => {
    const rig = await startRig({ files: { 'rules.json': RULES }, args: ['--protection-rules', '{dir}/rules.json', '--trust-proxy'] });
    try {
      const blocked = await call(rig.url, { 'x-forwarded-for': '203.0.113.9' });
      assert.equal(blocked.status, 403);
      assert.equal(blocked.body.__type, 'ForbiddenException');
      const allowed = await call(rig.url, { 'x-forwarded-for': '198.51.100.7' });
      assert.equal(allowed.body.__type, 'NotAuthorizedException');
    } finally {
      await rig.close();
    }
  });
});
