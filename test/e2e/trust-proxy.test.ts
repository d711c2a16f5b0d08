/**
 * Which address protection rules judge: the socket's, or, with --trust-proxy, the one a proxy
 * in front of Cognate reports in X-Forwarded-For.
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
