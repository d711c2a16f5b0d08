import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateInput } from '../model/validate.ts';
import { assetsBucket, checkDomainName, cloudFrontHost, domainVersion, managedLoginVersion } from './pool-domain.ts';

describe('user pool domain rules', () => {
  it('takes prefixes by the model\'s pattern and custom domains as lower-case host names', () => {
    for (const ok of ['a', 'my-app', '0abc9', 'x'.repeat(63)]) checkDomainName(ok, false);
    for (const bad of ['-a', 'a-', 'My-app', 'a.b', 'a_b']) assert.throws(() => checkDomainName(bad, false), /invalid character/, bad);
    for (const ok of ['auth.example.com', 'a.b', 'login.my-app.co.uk']) checkDomainName(ok, true);
    for (const bad of ['auth', 'Auth.example.com', 'https://auth.example.com', 'auth..example.com', '-a.example.com', 'a.example.com.']) {
      assert.throws(() => checkDomainName(bad, true), /fully qualified/, bad);
    }
  });

  it('keeps AWS\'s reserved words out of prefixes only', () => {
    for (const word of ['aws', 'amazon', 'cognito']) assert.throws(() => checkDomainName(`my-${word}-app`, false), new RegExp(`reserved word: ${word}`));
    checkDomainName('cognito.example.com', true);
  });

  it('lifts only DomainType\'s pattern in the model: lengths still checked, other patterns untouched', () => {
    assert.equal(validateInput('DescribeUserPoolDomain', { Domain: 'auth.example.com' }), null);
    assert.match(validateInput('DescribeUserPoolDomain', { Domain: 'a'.repeat(64) })!.message, /Member must have length less than or equal to 63/);
    assert.match(validateInput('DescribeUserPoolDomain', { Domain: '' })!.message, /Member must have length greater than or equal to 1/);
    assert.match(validateInput('CreateResourceServer', { UserPoolId: 'us-east-1_abc', Identifier: 'a b', Name: 'n' })!.message, /regular expression pattern/);
  });

  it('versions, buckets, CloudFront hosts and managed login versions as AWS shows them', () => {
    assert.equal(domainVersion(Date.UTC(2026, 0, 2, 3, 4, 5)), '20260102030405');
    assert.equal(assetsBucket('us-west-2'), 'aws-cognito-prod-pdx-assets');
    assert.equal(assetsBucket('xx-new-1'), 'aws-cognito-prod-xx-new-1-assets');
    assert.match(cloudFrontHost(Buffer.alloc(13, 200)), /^d[a-z0-9]{13}\.cloudfront\.net$/);
    assert.equal(managedLoginVersion(undefined), 1);
    assert.equal(managedLoginVersion(undefined, 2), 2);
    assert.equal(managedLoginVersion(2), 2);
    assert.throws(() => managedLoginVersion(0), /ManagedLoginVersion/);
  });
});
