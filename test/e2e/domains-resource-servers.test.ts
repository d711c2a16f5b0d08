/**
 * User pool domains and resource servers through the AWS SDK for JavaScript v3 (issue 21's
 * administrative API). AWS facts the tests hold Cognate to:
 * - a taken name: InvalidParameterException "Domain already associated with another user pool."
 *   https://github.com/aws-samples/websocket-chat-application/issues/56
 * - a prefix outside the pattern: "The domain name contains an invalid character. ..."
 *   https://github.com/mineiros-io/terraform-aws-cognito-user-pool/issues/69
 * - a pool with a domain cannot be deleted: "User pool cannot be deleted. It has a domain configured
 *   that should be deleted first." https://github.com/hashicorp/terraform-provider-aws/issues/16479
 * - an unknown domain is described as an empty DomainDescription (https://github.com/faiscadev/fakecloud/pull/165)
 * - custom domains are full names (auth.example.com) with a CertificateArn
 *   https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolDomain.html
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateResourceServerCommand,
  CreateUserPoolDomainCommand,
  DeleteResourceServerCommand,
  DeleteUserPoolCommand,
  DeleteUserPoolDomainCommand,
  DescribeResourceServerCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  ListResourceServersCommand,
  UpdateResourceServerCommand,
  UpdateUserPoolDomainCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createPool, startTestbed, type Testbed } from '../support/testbed.ts';

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
const OTHER_CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/66666666-7777-8888-9999-000000000000';

async function refused(p: Promise<unknown>, name: string, message?: string | RegExp): Promise<void> {
  await assert.rejects(p, (e: Error) => {
    assert.equal(e.name, name);
    if (typeof message === 'string') assert.equal(e.message, message);
    else if (message) assert.match(e.message, message);
    return true;
  });
}

describe('user pool domains', () => {
  let tb: Testbed;
  before(async () => {
    tb = await startTestbed();
  });
  after(() => tb.close());
  // Digits only, so that no name made here holds a reserved word by chance.
  const unique = (name: string) => `${name}-${Date.now()}${Math.floor(Math.random() * 1e6)}`;

  it('creates, describes, updates and deletes a prefix domain; DescribeUserPool shows it', async () => {
    const pool = await createPool(tb);
    const prefix = unique('my-app');
    const created = await tb.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: pool.id, Domain: prefix }));
    assert.equal(created.CloudFrontDomain, undefined);
    assert.equal(created.ManagedLoginVersion, 1);
    const d = (await tb.cognito.send(new DescribeUserPoolDomainCommand({ Domain: prefix }))).DomainDescription!;
    assert.equal(d.UserPoolId, pool.id);
    assert.equal(d.Domain, prefix);
    assert.equal(d.Status, 'ACTIVE');
    assert.equal(d.AWSAccountId, '000000000000');
    assert.match(d.CloudFrontDistribution!, /^d[a-z0-9]{13}\.cloudfront\.net$/);
    assert.match(d.Version!, /^\d{14}$/);
    assert.equal(d.S3Bucket, 'aws-cognito-prod-iad-assets');
    assert.equal(d.CustomDomainConfig, undefined);
    assert.equal((await tb.cognito.send(new DescribeUserPoolCommand({ UserPoolId: pool.id }))).UserPool!.Domain, prefix);
    const updated = await tb.cognito.send(new UpdateUserPoolDomainCommand({ UserPoolId: pool.id, Domain: prefix, ManagedLoginVersion: 2 }));
    assert.equal(updated.ManagedLoginVersion, 2);
    await refused(tb.cognito.send(new UpdateUserPoolDomainCommand({ UserPoolId: pool.id, Domain: prefix, ManagedLoginVersion: 3 })), 'InvalidParameterException');
    await refused(tb.cognito.send(new UpdateUserPoolDomainCommand({ UserPoolId: pool.id, Domain: prefix, CustomDomainConfig: { CertificateArn: CERT } })), 'InvalidParameterException');
    await tb.cognito.send(new DeleteUserPoolDomainCommand({ UserPoolId: pool.id, Domain: prefix }));
    assert.deepEqual((await tb.cognito.send(new DescribeUserPoolDomainCommand({ Domain: prefix }))).DomainDescription, {});
    assert.equal((await tb.cognito.send(new DescribeUserPoolCommand({ UserPoolId: pool.id }))).UserPool!.Domain, undefined);
  });

  it('takes a custom domain by its full name with a certificate, next to a prefix domain', async () => {
    const pool = await createPool(tb);
    const host = `${unique('auth')}.example.com`;
    const prefix = unique('both');
    await tb.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: pool.id, Domain: prefix }));
    const created = await tb.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: pool.id, Domain: host, CustomDomainConfig: { CertificateArn: CERT }, ManagedLoginVersion: 2 }));
    assert.match(created.CloudFrontDomain!, /^d[a-z0-9]{13}\.cloudfront\.net$/);
    assert.equal(created.ManagedLoginVersion, 2);
    const d = (await tb.cognito.send(new DescribeUserPoolDomainCommand({ Domain: host }))).DomainDescription!;
    assert.deepEqual(d.CustomDomainConfig, { CertificateArn: CERT });
    assert.equal(d.CloudFrontDistribution, created.CloudFrontDomain);
    const described = (await tb.cognito.send(new DescribeUserPoolCommand({ UserPoolId: pool.id }))).UserPool!;
    assert.equal(described.Domain, prefix);
    assert.equal(described.CustomDomain, host);
    const updated = await tb.cognito.send(new UpdateUserPoolDomainCommand({ UserPoolId: pool.id, Domain: host, CustomDomainConfig: { CertificateArn: OTHER_CERT } }));
    assert.equal(updated.CloudFrontDomain, created.CloudFrontDomain);
    assert.equal(updated.ManagedLoginVersion, 2);
    assert.deepEqual((await tb.cognito.send(new DescribeUserPoolDomainCommand({ Domain: host }))).DomainDescription!.CustomDomainConfig, { CertificateArn: OTHER_CERT });
    // One of each kind per pool.
    await refused(tb.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: pool.id, Domain: unique('third') })), 'InvalidParameterException', 'User pool already has a domain configured.');
  });

  it('keeps a name one pool\'s, and lets only that pool change or delete it', async () => {
    const [a, b] = [await createPool(tb), await createPool(tb)];
    const prefix = unique('shared');
    await tb.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: a.id, Domain: prefix }));
    await refused(tb.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: b.id, Domain: prefix })), 'InvalidParameterException', 'Domain already associated with another user pool.');
    await refused(tb.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: a.id, Domain: prefix })), 'InvalidParameterException', 'Domain already associated with another user pool.');
    await refused(tb.cognito.send(new DeleteUserPoolDomainCommand({ UserPoolId: b.id, Domain: prefix })), 'InvalidParameterException', 'No such domain or user pool exists.');
    await refused(tb.cognito.send(new UpdateUserPoolDomainCommand({ UserPoolId: b.id, Domain: prefix, ManagedLoginVersion: 2 })), 'InvalidParameterException', 'No such domain or user pool exists.');
    await refused(tb.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: 'us-east-1_nothere00', Domain: unique('nopool') })), 'ResourceNotFoundException');
    // A pool that holds a domain stays until the domain goes; then the name is free for another pool.
    await refused(tb.cognito.send(new DeleteUserPoolCommand({ UserPoolId: a.id })), 'InvalidParameterException', 'User pool cannot be deleted. It has a domain configured that should be deleted first.');
    await tb.cognito.send(new DeleteUserPoolDomainCommand({ UserPoolId: a.id, Domain: prefix }));
    await tb.cognito.send(new DeleteUserPoolCommand({ UserPoolId: a.id }));
    await tb.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: b.id, Domain: prefix }));
  });

  it('checks names: prefixes by AWS\'s pattern and reserved words, custom domains as host names, lengths by the model', async () => {
    const pool = await createPool(tb);
    const invalidChar = /^The domain name contains an invalid character\. Domain names can only contain lower-case letters, numbers, and hyphens\./;
    await refused(tb.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: pool.id, Domain: 'auth.example.com' })), 'InvalidParameterException', invalidChar);
    await refused(tb.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: pool.id, Domain: 'My-App' })), 'InvalidParameterException', invalidChar);
    await refused(tb.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: pool.id, Domain: 'my-cognito-app' })), 'InvalidParameterException', 'Domain cannot contain reserved word: cognito');
    await refused(tb.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: pool.id, Domain: 'nodots', CustomDomainConfig: { CertificateArn: CERT } })), 'InvalidParameterException');
    await refused(tb.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: pool.id, Domain: 'https://auth.example.com', CustomDomainConfig: { CertificateArn: CERT } })), 'InvalidParameterException');
    await refused(tb.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: pool.id, Domain: `${'a'.repeat(60)}.example.com`, CustomDomainConfig: { CertificateArn: CERT } })), 'InvalidParameterException', /Member must have length less than or equal to 63/);
    await refused(tb.cognito.send(new DescribeUserPoolDomainCommand({ Domain: '' })), 'InvalidParameterException', /Member must have length greater than or equal to 1/);
    assert.deepEqual((await tb.cognito.send(new DescribeUserPoolDomainCommand({ Domain: 'nobody.example.com' }))).DomainDescription, {});
  });
});

describe('resource servers', () => {
  let tb: Testbed;
  before(async () => {
    tb = await startTestbed();
  });
  after(() => tb.close());

  it('creates, describes, lists in pages, replaces scopes and deletes', async () => {
    const pool = await createPool(tb);
    const scopes = [{ ScopeName: 'read', ScopeDescription: 'Read things' }, { ScopeName: 'write', ScopeDescription: 'Write things' }];
    const created = await tb.cognito.send(new CreateResourceServerCommand({ UserPoolId: pool.id, Identifier: 'https://api.example.com', Name: 'api', Scopes: scopes }));
    assert.deepEqual(created.ResourceServer, { UserPoolId: pool.id, Identifier: 'https://api.example.com', Name: 'api', Scopes: scopes });
    assert.deepEqual((await tb.cognito.send(new DescribeResourceServerCommand({ UserPoolId: pool.id, Identifier: 'https://api.example.com' }))).ResourceServer, created.ResourceServer);
    for (const id of ['b', 'c']) await tb.cognito.send(new CreateResourceServerCommand({ UserPoolId: pool.id, Identifier: id, Name: id }));
    const first = await tb.cognito.send(new ListResourceServersCommand({ UserPoolId: pool.id, MaxResults: 2 }));
    assert.deepEqual(first.ResourceServers!.map((r) => r.Identifier), ['https://api.example.com', 'b']);
    const second = await tb.cognito.send(new ListResourceServersCommand({ UserPoolId: pool.id, MaxResults: 2, NextToken: first.NextToken }));
    assert.deepEqual(second.ResourceServers!.map((r) => r.Identifier), ['c']);
    assert.equal(second.NextToken, undefined);
    await refused(tb.cognito.send(new ListResourceServersCommand({ UserPoolId: pool.id, MaxResults: 2, NextToken: 'bogus' })), 'InvalidParameterException');
    // Update replaces: scopes left out are none.
    const updated = await tb.cognito.send(new UpdateResourceServerCommand({ UserPoolId: pool.id, Identifier: 'https://api.example.com', Name: 'renamed' }));
    assert.deepEqual(updated.ResourceServer, { UserPoolId: pool.id, Identifier: 'https://api.example.com', Name: 'renamed', Scopes: [] });
    await tb.cognito.send(new DeleteResourceServerCommand({ UserPoolId: pool.id, Identifier: 'b' }));
    await refused(tb.cognito.send(new DescribeResourceServerCommand({ UserPoolId: pool.id, Identifier: 'b' })), 'ResourceNotFoundException');
    await refused(tb.cognito.send(new DeleteResourceServerCommand({ UserPoolId: pool.id, Identifier: 'b' })), 'ResourceNotFoundException');
    await refused(tb.cognito.send(new UpdateResourceServerCommand({ UserPoolId: pool.id, Identifier: 'b', Name: 'b' })), 'ResourceNotFoundException');
  });

  it('refuses a duplicate identifier, duplicate scope names, scopes past the model, and goes with its pool', async () => {
    const pool = await createPool(tb);
    await tb.cognito.send(new CreateResourceServerCommand({ UserPoolId: pool.id, Identifier: 'api', Name: 'api' }));
    await refused(tb.cognito.send(new CreateResourceServerCommand({ UserPoolId: pool.id, Identifier: 'api', Name: 'again' })), 'InvalidParameterException');
    const twice = [{ ScopeName: 'read', ScopeDescription: 'a' }, { ScopeName: 'read', ScopeDescription: 'b' }];
    await refused(tb.cognito.send(new CreateResourceServerCommand({ UserPoolId: pool.id, Identifier: 'other', Name: 'other', Scopes: twice })), 'InvalidParameterException');
    await refused(tb.cognito.send(new UpdateResourceServerCommand({ UserPoolId: pool.id, Identifier: 'api', Name: 'api', Scopes: twice })), 'InvalidParameterException');
    // ScopeName's pattern has no slash: `identifier/scope` is the full name.
    await refused(tb.cognito.send(new CreateResourceServerCommand({ UserPoolId: pool.id, Identifier: 'x', Name: 'x', Scopes: [{ ScopeName: 'a/b', ScopeDescription: 'd' }] })), 'InvalidParameterException', /Member must satisfy regular expression pattern/);
    const many = Array.from({ length: 101 }, (_, i) => ({ ScopeName: `s${i}`, ScopeDescription: 'd' }));
    await refused(tb.cognito.send(new CreateResourceServerCommand({ UserPoolId: pool.id, Identifier: 'x', Name: 'x', Scopes: many })), 'InvalidParameterException', /Member must have length less than or equal to 100/);
    await tb.cognito.send(new CreateResourceServerCommand({ UserPoolId: pool.id, Identifier: 'x', Name: 'x', Scopes: many.slice(0, 100) }));
    await tb.cognito.send(new DeleteUserPoolCommand({ UserPoolId: pool.id }));
    await refused(tb.cognito.send(new DescribeResourceServerCommand({ UserPoolId: pool.id, Identifier: 'api' })), 'ResourceNotFoundException');
  });

  it('holds a pool to 25 resource servers', async () => {
    const pool = await createPool(tb);
    for (let i = 0; i < 25; i++) await tb.cognito.send(new CreateResourceServerCommand({ UserPoolId: pool.id, Identifier: `api-${i}`, Name: 'n' }));
    await refused(tb.cognito.send(new CreateResourceServerCommand({ UserPoolId: pool.id, Identifier: 'api-25', Name: 'n' })), 'LimitExceededException');
  });
});
