/**
 * Managed login branding styles and terms documents through the AWS SDK for JavaScript v3. AWS's
 * documented rules, held here:
 * - a style belongs to one app client; a second is ManagedLoginBrandingExistsException
 *   (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateManagedLoginBranding.html);
 * - "When you specify true for this option [UseCognitoProvidedValues], you must also omit values
 *   for Settings and Assets" (API_ManagedLoginBrandingType.html);
 * - Update "preserves existing style settings that you don't specify" (API_UpdateManagedLoginBranding.html);
 * - "Terms document names must be unique to the app client" (botocore's TermsExistsException);
 *   TermsName is terms-of-use or privacy-policy, Links map cognito:<language> to a URL (the model).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateManagedLoginBrandingCommand, CreateTermsCommand, DeleteManagedLoginBrandingCommand, DeleteTermsCommand, DeleteUserPoolClientCommand,
  DescribeManagedLoginBrandingByClientCommand, DescribeManagedLoginBrandingCommand, DescribeTermsCommand, ListTermsCommand,
  UpdateManagedLoginBrandingCommand, UpdateTermsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { PoolRecord } from '../../src/domain/pool.ts';
import { createClient, createPool, rejectsWith, startTestbed, type Testbed } from '../support/testbed.ts';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>');
const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('managed login branding', () => {
  let tb: Testbed;
  let pool: PoolRecord;
  before(async () => {
    tb = await startTestbed();
    pool = await createPool(tb);
  });
  after(() => tb.close());

  it('creates a style for one client, answers it by id and by client, and refuses a second', async () => {
    const c = await createClient(tb, pool);
    const settings = { components: { primaryButton: { lightMode: { defaults: { backgroundColor: '0972d3ff' } } } }, categories: { global: { colorSchemeMode: 'LIGHT' } } };
    const made = (await tb.cognito.send(new CreateManagedLoginBrandingCommand({
      UserPoolId: pool.id, ClientId: c.clientId, Settings: settings, Assets: [{ Category: 'PAGE_HEADER_LOGO', ColorMode: 'LIGHT', Extension: 'PNG', Bytes: PNG }],
    }))).ManagedLoginBranding!;
    assert.match(made.ManagedLoginBrandingId!, UUID4);
    assert.equal(made.UserPoolId, pool.id);
    assert.equal(made.UseCognitoProvidedValues, false);
    assert.deepEqual(made.Settings, settings, 'the document comes back as given');
    assert.equal(made.Assets!.length, 1);
    assert.deepEqual(Buffer.from(made.Assets![0].Bytes!), PNG);
    assert.ok(made.CreationDate instanceof Date);
    const byId = (await tb.cognito.send(new DescribeManagedLoginBrandingCommand({ UserPoolId: pool.id, ManagedLoginBrandingId: made.ManagedLoginBrandingId, ReturnMergedResources: true }))).ManagedLoginBranding!;
    assert.deepEqual(byId, made);
    const byClient = (await tb.cognito.send(new DescribeManagedLoginBrandingByClientCommand({ UserPoolId: pool.id, ClientId: c.clientId }))).ManagedLoginBranding!;
    assert.equal(byClient.ManagedLoginBrandingId, made.ManagedLoginBrandingId);
    await rejectsWith(tb.cognito.send(new CreateManagedLoginBrandingCommand({ UserPoolId: pool.id, ClientId: c.clientId, UseCognitoProvidedValues: true })), 'ManagedLoginBrandingExistsException');
  });

  it('refuses defaults together with settings, an asset unlike its extension, and an unknown client', async () => {
    const c = await createClient(tb, pool);
    await rejectsWith(tb.cognito.send(new CreateManagedLoginBrandingCommand({ UserPoolId: pool.id, ClientId: c.clientId, UseCognitoProvidedValues: true, Settings: {} })), 'InvalidParameterException');
    await rejectsWith(tb.cognito.send(new CreateManagedLoginBrandingCommand({
      UserPoolId: pool.id, ClientId: c.clientId, Assets: [{ Category: 'FORM_LOGO', ColorMode: 'DARK', Extension: 'PNG', Bytes: SVG }],
    })), 'InvalidParameterException', 'Asset FORM_LOGO is not a PNG file.');
    await rejectsWith(tb.cognito.send(new CreateManagedLoginBrandingCommand({
      UserPoolId: pool.id, ClientId: c.clientId, Assets: [{ Category: 'FORM_LOGO', ColorMode: 'DARK', Extension: 'SVG', Bytes: SVG }, { Category: 'FORM_LOGO', ColorMode: 'DARK', Extension: 'PNG', Bytes: PNG }],
    })), 'InvalidParameterException');
    await rejectsWith(tb.cognito.send(new CreateManagedLoginBrandingCommand({ UserPoolId: pool.id, ClientId: 'nosuchclient', UseCognitoProvidedValues: true })), 'ResourceNotFoundException');
    await rejectsWith(tb.cognito.send(new DescribeManagedLoginBrandingByClientCommand({ UserPoolId: pool.id, ClientId: c.clientId })), 'ResourceNotFoundException');
  });

  it('updates what the request names and keeps the rest; defaults start over; delete, then gone', async () => {
    const c = await createClient(tb, pool);
    const { ManagedLoginBranding: made } = await tb.cognito.send(new CreateManagedLoginBrandingCommand({
      UserPoolId: pool.id, ClientId: c.clientId, Settings: { a: 1 }, Assets: [{ Category: 'FAVICON_SVG', ColorMode: 'DYNAMIC', Extension: 'SVG', Bytes: SVG }],
    }));
    const id = made!.ManagedLoginBrandingId!;
    const updated = (await tb.cognito.send(new UpdateManagedLoginBrandingCommand({
      UserPoolId: pool.id, ManagedLoginBrandingId: id, Assets: [{ Category: 'PAGE_BACKGROUND', ColorMode: 'LIGHT', Extension: 'PNG', Bytes: PNG }],
    }))).ManagedLoginBranding!;
    assert.deepEqual(updated.Settings, { a: 1 }, 'settings not named are kept');
    assert.deepEqual(updated.Assets!.map((a) => a.Category), ['FAVICON_SVG', 'PAGE_BACKGROUND']);
    const reset = (await tb.cognito.send(new UpdateManagedLoginBrandingCommand({ UserPoolId: pool.id, ManagedLoginBrandingId: id, UseCognitoProvidedValues: true }))).ManagedLoginBranding!;
    assert.equal(reset.UseCognitoProvidedValues, true);
    assert.equal(reset.Settings, undefined);
    assert.deepEqual(reset.Assets, []);
    await tb.cognito.send(new DeleteManagedLoginBrandingCommand({ UserPoolId: pool.id, ManagedLoginBrandingId: id }));
    await rejectsWith(tb.cognito.send(new DescribeManagedLoginBrandingCommand({ UserPoolId: pool.id, ManagedLoginBrandingId: id })), 'ResourceNotFoundException');
    await rejectsWith(tb.cognito.send(new DeleteManagedLoginBrandingCommand({ UserPoolId: pool.id, ManagedLoginBrandingId: id })), 'ResourceNotFoundException');
  });

  it('keeps another pool\'s style out of reach', async () => {
    const c = await createClient(tb, pool);
    const { ManagedLoginBranding: made } = await tb.cognito.send(new CreateManagedLoginBrandingCommand({ UserPoolId: pool.id, ClientId: c.clientId, UseCognitoProvidedValues: true }));
    const other = await createPool(tb);
    await rejectsWith(tb.cognito.send(new DescribeManagedLoginBrandingCommand({ UserPoolId: other.id, ManagedLoginBrandingId: made!.ManagedLoginBrandingId })), 'ResourceNotFoundException');
    await rejectsWith(tb.cognito.send(new DeleteManagedLoginBrandingCommand({ UserPoolId: other.id, ManagedLoginBrandingId: made!.ManagedLoginBrandingId })), 'ResourceNotFoundException');
    await tb.cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: pool.id, ClientId: c.clientId }));
    await rejectsWith(tb.cognito.send(new DescribeManagedLoginBrandingCommand({ UserPoolId: pool.id, ManagedLoginBrandingId: made!.ManagedLoginBrandingId })), 'ResourceNotFoundException');
  });
});

describe('terms documents', () => {
  let tb: Testbed;
  let pool: PoolRecord;
  before(async () => {
    tb = await startTestbed();
    pool = await createPool(tb);
  });
  after(() => tb.close());

  const create = (ClientId: string, TermsName: string, Links: Record<string, string> = { 'cognito:default': 'https://example.com/terms' }) =>
    tb.cognito.send(new CreateTermsCommand({ UserPoolId: pool.id, ClientId, TermsName, TermsSource: 'LINK', Enforcement: 'NONE', Links }));

  it('creates terms per client, one of each name, and describes them', async () => {
    const c = await createClient(tb, pool);
    const made = (await create(c.clientId, 'terms-of-use', { 'cognito:default': 'https://example.com/terms', 'cognito:spanish': 'https://example.com/es/terms' })).Terms!;
    assert.match(made.TermsId!, UUID4);
    assert.equal(made.ClientId, c.clientId);
    assert.equal(made.TermsSource, 'LINK');
    assert.equal(made.Enforcement, 'NONE');
    assert.deepEqual(made.Links, { 'cognito:default': 'https://example.com/terms', 'cognito:spanish': 'https://example.com/es/terms' });
    assert.deepEqual((await tb.cognito.send(new DescribeTermsCommand({ UserPoolId: pool.id, TermsId: made.TermsId }))).Terms, made);
    await rejectsWith(create(c.clientId, 'terms-of-use'), 'TermsExistsException');
    await create(c.clientId, 'privacy-policy');
    const other = await createClient(tb, pool);
    await create(other.clientId, 'terms-of-use');
  });

  it('refuses a name outside the two, a link that is not https, and no links', async () => {
    const c = await createClient(tb, pool);
    await rejectsWith(create(c.clientId, 'cookies'), 'InvalidParameterException');
    await rejectsWith(create(c.clientId, 'terms-of-use', { 'cognito:default': 'javascript:alert(1)' }), 'InvalidParameterException', 'The link for cognito:default must be an https URL.');
    await rejectsWith(create(c.clientId, 'terms-of-use', { 'cognito:default': 'http://example.com/terms' }), 'InvalidParameterException');
    await rejectsWith(tb.cognito.send(new CreateTermsCommand({ UserPoolId: pool.id, ClientId: c.clientId, TermsName: 'terms-of-use', TermsSource: 'LINK', Enforcement: 'NONE' })), 'InvalidParameterException');
    await rejectsWith(create('nosuchclient', 'terms-of-use'), 'ResourceNotFoundException');
  });

  it('updates named fields, refuses a rename onto the other terms, deletes', async () => {
    const c = await createClient(tb, pool);
    const tou = (await create(c.clientId, 'terms-of-use')).Terms!;
    await create(c.clientId, 'privacy-policy');
    const updated = (await tb.cognito.send(new UpdateTermsCommand({ UserPoolId: pool.id, TermsId: tou.TermsId, Links: { 'cognito:french': 'https://example.com/fr' } }))).Terms!;
    assert.deepEqual(updated.Links, { 'cognito:french': 'https://example.com/fr' });
    assert.equal(updated.TermsName, 'terms-of-use');
    await rejectsWith(tb.cognito.send(new UpdateTermsCommand({ UserPoolId: pool.id, TermsId: tou.TermsId, TermsName: 'privacy-policy' })), 'TermsExistsException');
    await tb.cognito.send(new DeleteTermsCommand({ UserPoolId: pool.id, TermsId: tou.TermsId }));
    await rejectsWith(tb.cognito.send(new DescribeTermsCommand({ UserPoolId: pool.id, TermsId: tou.TermsId })), 'ResourceNotFoundException');
    await rejectsWith(tb.cognito.send(new UpdateTermsCommand({ UserPoolId: pool.id, TermsId: tou.TermsId, Enforcement: 'NONE' })), 'ResourceNotFoundException');
  });

  it('lists the pool\'s terms a page at a time, and only that pool\'s', async () => {
    const p = await createPool(tb);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const c = await createClient(tb, p);
      for (const name of ['terms-of-use', 'privacy-policy']) {
        ids.push((await tb.cognito.send(new CreateTermsCommand({ UserPoolId: p.id, ClientId: c.clientId, TermsName: name, TermsSource: 'LINK', Enforcement: 'NONE', Links: { 'cognito:default': 'https://example.com' } }))).Terms!.TermsId!);
      }
    }
    const seen: string[] = [];
    let NextToken: string | undefined;
    do {
      const out = await tb.cognito.send(new ListTermsCommand({ UserPoolId: p.id, MaxResults: 4, NextToken }));
      assert.ok(out.Terms!.length <= 4);
      for (const t of out.Terms!) {
        assert.deepEqual(Object.keys(t).sort(), ['CreationDate', 'Enforcement', 'LastModifiedDate', 'TermsId', 'TermsName']);
        seen.push(t.TermsId!);
      }
      NextToken = out.NextToken;
    } while (NextToken);
    assert.deepEqual(seen, ids);
    await rejectsWith(tb.cognito.send(new ListTermsCommand({ UserPoolId: p.id, NextToken: 'bogus' })), 'InvalidParameterException');
    await rejectsWith(tb.cognito.send(new DescribeTermsCommand({ UserPoolId: pool.id, TermsId: ids[0] })), 'ResourceNotFoundException');
  });

  it('refuses an update naming no pool (the model leaves UserPoolId optional) with a Cognito error, not a 5xx', async () => {
    await rejectsWith(tb.cognito.send(new UpdateManagedLoginBrandingCommand({ ManagedLoginBrandingId: '11111111-2222-4333-8444-555555555555' })), 'InvalidParameterException');
  });
});
