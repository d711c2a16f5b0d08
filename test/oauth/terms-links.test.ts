/**
 * Terms documents on the managed login pages: the sign-in and sign-up pages link the client's
 * terms of use and privacy policy once both exist ("You must provide both types of terms documents
 * in at least one language before Amazon Cognito displays your terms documents", the API
 * reference's CreateTerms), and only the client's own.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateTermsCommand, CreateUserPoolDomainCommand, type CreateUserPoolClientRequest } from '@aws-sdk/client-cognito-identity-provider';
import type { ClientRecord } from '../../src/domain/client.ts';
import type { PoolRecord } from '../../src/domain/pool.ts';
import { FormBrowser } from '../support/form-browser.ts';
import { tags } from '../support/html-page.ts';
import { createClient, createPool, startTestbed, type Testbed } from '../support/testbed.ts';

const CALLBACK = 'https://app.example.com/callback';
const OAUTH: Partial<CreateUserPoolClientRequest> = {
  AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid'], CallbackURLs: [CALLBACK], SupportedIdentityProviders: ['COGNITO'],
};
const TERMS = 'https://example.com/terms?a=1&b=<2>';
const PRIVACY = 'https://example.com/privacy';

describe('terms links on the managed login pages', () => {
  let tb: Testbed;
  let pool: PoolRecord;
  let client: ClientRecord;
  let other: ClientRecord;
  const query = (c: ClientRecord) => new URLSearchParams({ client_id: c.clientId, response_type: 'code', redirect_uri: CALLBACK, scope: 'openid' });
  const links = async (path: string, c: ClientRecord) => {
    const page = await new FormBrowser(tb.url).go(`${path}?${query(c)}`);
    assert.equal(page.status, 200);
    return tags(page.html, 'a').filter((t) => t.attrs.class === 'legalText-customizable').map((t) => t.attrs.href);
  };
  const create = (c: ClientRecord, TermsName: string, url: string) =>
    tb.cognito.send(new CreateTermsCommand({ UserPoolId: pool.id, ClientId: c.clientId, TermsName, TermsSource: 'LINK', Enforcement: 'NONE', Links: { 'cognito:default': url } }));

  before(async () => {
    tb = await startTestbed();
    pool = await createPool(tb);
    await tb.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: pool.id, Domain: 'terms-links-test' }));
    client = await createClient(tb, pool, OAUTH);
    other = await createClient(tb, pool, OAUTH);
  });
  after(() => tb.close());

  it('shows no links while the client has only one of the two documents', async () => {
    await create(client, 'terms-of-use', TERMS);
    assert.deepEqual(await links('/login', client), []);
  });

  it('links both on the sign-in and sign-up pages, escaped, and only for that client', async () => {
    await create(client, 'privacy-policy', PRIVACY);
    assert.deepEqual(await links('/login', client), [TERMS, PRIVACY]);
    assert.deepEqual(await links('/signup', client), [TERMS, PRIVACY]);
    const page = await new FormBrowser(tb.url).go(`/login?${query(client)}`);
    assert.match(page.html, />Terms of use<\/a>/);
    assert.match(page.html, />Privacy policy<\/a>/);
    assert.ok(page.html.includes('b=&lt;2&gt;'), 'the URL is written escaped');
    assert.ok(!page.html.includes('<2>'));
    assert.deepEqual(await links('/login', other), [], 'another client of the pool has none');
  });
});
