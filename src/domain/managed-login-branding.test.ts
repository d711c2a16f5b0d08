import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCognitoError } from '../errors/index.ts';
import { MAX_SETTINGS_DEPTH, mergeBranding, settingsText, type BrandingRecord } from './managed-login-branding.ts';

const PNG = Buffer.from('89504e470d0a1a0a', 'hex').toString('base64');
const refused = (f: () => unknown, message: RegExp) =>
  assert.throws(f, (e) => isCognitoError(e) && e.type === 'InvalidParameterException' && message.test(e.message));

describe('branding settings', () => {
  it('keeps a document as its JSON text, up to the depth bound', () => {
    assert.equal(settingsText({ a: [1, 'x', null, { b: true }] }), '{"a":[1,"x",null,{"b":true}]}');
    let ok: unknown = 1;
    for (let i = 0; i < MAX_SETTINGS_DEPTH; i++) ok = [ok];
    assert.ok(settingsText(ok));
  });

  it('refuses nesting deep enough to exhaust JSON.stringify\'s stack, without recursing itself', () => {
    // 400,000 levels fit in a 1 MiB body and make JSON.stringify throw RangeError (a 500) unchecked.
    const deep = JSON.parse('['.repeat(400_000) + ']'.repeat(400_000));
    refused(() => settingsText(deep), /nested more than 64 levels/);
  });
});

describe('merging an update', () => {
  const current: BrandingRecord = {
    id: 'id', poolId: 'p', clientId: 'c', useCognitoProvidedValues: false, settings: '{"a":1}',
    assets: [{ category: 'FORM_LOGO', colorMode: 'LIGHT', extension: 'PNG', bytes: PNG }], createdAt: 1, lastModifiedAt: 1,
  };

  it('replaces the asset of the same category and color mode and keeps the others', () => {
    const next = mergeBranding(current, { Assets: [{ Category: 'FORM_LOGO', ColorMode: 'LIGHT', Extension: 'PNG', Bytes: PNG, ResourceId: 'new' }, { Category: 'FORM_LOGO', ColorMode: 'DARK', Extension: 'PNG', Bytes: PNG }] }, 5);
    assert.deepEqual(next.assets.map((a) => [a.colorMode, a.resourceId]), [['LIGHT', 'new'], ['DARK', undefined]]);
    assert.equal(next.settings, '{"a":1}');
    assert.equal(next.lastModifiedAt, 5);
    assert.equal(next.createdAt, 1);
  });

  it('refuses assets that together pass the style\'s bound', () => {
    const big = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(999_000)]).toString('base64');
    const categories = ['FORM_LOGO', 'PAGE_BACKGROUND', 'FORM_BACKGROUND', 'PAGE_HEADER_LOGO', 'PAGE_FOOTER_LOGO', 'PAGE_HEADER_BACKGROUND'];
    refused(() => mergeBranding(current, { Assets: categories.map((Category) => ({ Category, ColorMode: 'DARK', Extension: 'PNG', Bytes: big })) }, 5), /larger than 5000000 bytes/);
  });
});
