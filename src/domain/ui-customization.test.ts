import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkImage, describeUICustomization, imagePath, MAX_IMAGE_BYTES, type UICustomizationRecord } from './ui-customization.ts';

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(32)]);
const JPEG = Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), Buffer.alloc(32)]);

describe('a UI customization', () => {
  it('knows an image by its bytes: PNG, JPEG or SVG, up to 100 KB', { timeout: 30_000 }, () => {
    assert.equal(checkImage(PNG), 'png');
    assert.equal(checkImage(JPEG), 'jpg');
    assert.equal(checkImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')), 'svg');
    assert.equal(checkImage(Buffer.from('\uFEFF<?xml version="1.0"?>\n<!-- logo -->\n<!DOCTYPE svg>\n<svg width="1"></svg>')), 'svg');
    // "Your logo file can be no larger than 100 KB": https://docs.aws.amazon.com/cognito/latest/developerguide/hosted-ui-classic-branding.html
    assert.equal(checkImage(Buffer.concat([PNG, Buffer.alloc(MAX_IMAGE_BYTES - PNG.length)])), 'png');
    assert.throws(() => checkImage(Buffer.concat([PNG, Buffer.alloc(MAX_IMAGE_BYTES - PNG.length + 1)])), { message: 'The image file is larger than 100 KB.' });
    const crafted = Buffer.from(`${'<!---->'.repeat(580)}x`);
    // A backtracking reader would not finish this in a lifetime (30 comments took over 60 s); the test's timeout guards it.
    assert.throws(() => checkImage(crafted), { message: 'The image file must be a PNG, JPEG or SVG image.' });
    for (const bad of [Buffer.from('GIF89a'), Buffer.from('<!-- never closed <svg>'), Buffer.from('<html><svg></svg></html>'), Buffer.from('hello'), Buffer.from('<svgx/>')]) {
      assert.throws(() => checkImage(bad), { name: 'InvalidParameterException', message: 'The image file must be a PNG, JPEG or SVG image.' }, bad.toString());
    }
  });

  it('is described as AWS\'s UICustomizationType, the image at a versioned URL of this server', () => {
    const r: UICustomizationRecord = { poolId: 'us-east-1_Abc', clientId: 'ALL', css: '.label-customizable{}', imageType: 'png', version: '0a0b', createdAt: 1_000_500, lastModifiedAt: 2_000_000 };
    assert.equal(imagePath(r), '/_cognate/ui/us-east-1_Abc/ALL/0a0b.png');
    assert.deepEqual(describeUICustomization(r, 'https://auth.example.com'), {
      UserPoolId: 'us-east-1_Abc', ClientId: 'ALL', ImageUrl: 'https://auth.example.com/_cognate/ui/us-east-1_Abc/ALL/0a0b.png',
      CSS: '.label-customizable{}', CSSVersion: '0a0b', CreationDate: 1000.5, LastModifiedDate: 2000,
    });
    assert.deepEqual(Object.keys(describeUICustomization({ ...r, css: null, imageType: null }, '')), ['UserPoolId', 'ClientId', 'CreationDate', 'LastModifiedDate']);
  });
});
