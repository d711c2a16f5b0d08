/**
 * SetUICustomization and GetUICustomization through the JS SDK, the logo served by Cognate, and
 * the managed login pages showing the pool's customization, or the client's where it has one.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateUserPoolDomainCommand, DeleteUserPoolClientCommand, GetUICustomizationCommand, SetUICustomizationCommand, type CreateUserPoolClientRequest,
} from '@aws-sdk/client-cognito-identity-provider';
import type { ClientRecord } from '../../src/domain/client.ts';
import type { PoolRecord } from '../../src/domain/pool.ts';
import { tags } from '../support/html-page.ts';
import { FormBrowser } from '../support/form-browser.ts';
import { createClient, createPool, rejectsWith, startTestbed, type Testbed } from '../support/testbed.ts';

const CALLBACK = 'https://app.example.com/callback';
const OAUTH: Partial<CreateUserPoolClientRequest> = {
  AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid'], CallbackURLs: [CALLBACK], SupportedIdentityProviders: ['COGNITO'],
};
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64, 7)]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>');
const POOL_CSS = '.submitButton-customizable { background-color: #0a7d3b; }';
const CLIENT_CSS = '.banner-customizable { background-color: #222222; }';

describe('UI customization: SetUICustomization, GetUICustomization, the logo and the pages', () => {
  let tb: Testbed;
  let pool: PoolRecord;
  let client: ClientRecord;
  let other: ClientRecord;
  const login = (c: ClientRecord) => `/login?${new URLSearchParams({ client_id: c.clientId, response_type: 'code', redirect_uri: CALLBACK, scope: 'openid' })}`;
  const set = (input: { ClientId?: string; CSS?: string; ImageFile?: Uint8Array }) => tb.cognito.send(new SetUICustomizationCommand({ UserPoolId: pool.id, ...input }));
  const get = (ClientId?: string) => tb.cognito.send(new GetUICustomizationCommand({ UserPoolId: pool.id, ...(ClientId ? { ClientId } : {}) }));

  before(async () => {
    tb = await startTestbed();
    pool = await createPool(tb);
    client = await createClient(tb, pool, OAUTH);
    other = await createClient(tb, pool, OAUTH);
  });
  after(() => tb.close());

  it('needs the pool to have a domain first', async () => {
    // AWS: "To use this API, your user pool must have a domain associated with it" (API_SetUICustomization);
    // the error's words as a CloudFormation deployment met them (amazon-connect/voicemail-for-amazon-connect#5).
    await rejectsWith(set({ CSS: POOL_CSS }), 'InvalidParameterException', 'A domain must be associated with this user pool.');
    await tb.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: pool.id, Domain: 'ui-custom-test' }));
  });

  it('answers an empty UICustomization while none is set', async () => {
    // Terraform's provider: "The GetUICustomization API operation will return an empty struct if nothing is present".
    assert.deepEqual((await get()).UICustomization, {});
    assert.deepEqual((await get(client.clientId)).UICustomization, {});
  });

  it('sets the pool\'s CSS and logo, answered as AWS answers them, and serves the logo', async () => {
    const before = Date.now();
    const out = (await set({ CSS: POOL_CSS, ImageFile: PNG })).UICustomization!;
    assert.equal(out.UserPoolId, pool.id);
    assert.equal(out.ClientId, 'ALL', 'without a ClientId the customization is the pool\'s');
    assert.equal(out.CSS, POOL_CSS);
    assert.match(out.CSSVersion!, /^[0-9a-f]{16}$/);
    assert.ok(out.CreationDate instanceof Date && out.CreationDate.getTime() >= before - 1000);
    assert.ok(out.LastModifiedDate instanceof Date);
    assert.match(out.ImageUrl!, new RegExp(`/_cognate/ui/${pool.id}/ALL/[0-9a-f]{16}\\.png$`));
    assert.deepEqual((await get()).UICustomization, out);
    assert.deepEqual((await get('ALL')).UICustomization, out);
    assert.deepEqual((await get(client.clientId)).UICustomization, out, 'a client without its own gets the pool\'s');

    const image = await fetch(new URL(new URL(out.ImageUrl!).pathname, tb.url));
    assert.equal(image.status, 200);
    assert.equal(image.headers.get('content-type'), 'image/png');
    assert.equal(image.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(image.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.deepEqual(Buffer.from(await image.arrayBuffer()), PNG);
    const stale = await fetch(`${tb.url}/_cognate/ui/${pool.id}/ALL/00.png`);
    assert.equal(stale.status, 404, 'another version is not served');
    assert.equal((await fetch(`${tb.url}/_cognate/ui/${pool.id}/ALL/${out.CSSVersion}.svg`)).status, 404, 'nor the same version as another type');
  });

  it('shows the pool\'s CSS and logo on the sign-in page', async () => {
    const page = await new FormBrowser(tb.url).go(login(client));
    assert.equal(page.status, 200);
    assert.ok(page.html.includes(`<style>${POOL_CSS}</style>`), 'the pool\'s CSS after the base CSS');
    const logo = tags(page.html, 'img').find((t) => t.attrs.class === 'logo-customizable');
    assert.match(logo!.attrs.src!, new RegExp(`^/_cognate/ui/${pool.id}/ALL/[0-9a-f]{16}\\.png$`));
    assert.equal((await fetch(new URL(logo!.attrs.src!, tb.url))).status, 200, 'the page\'s logo URL serves the image');
  });

  it('lets a client\'s customization win over the pool\'s, for that client only', async () => {
    const mine = (await set({ ClientId: client.clientId, CSS: CLIENT_CSS, ImageFile: SVG })).UICustomization!;
    assert.equal(mine.ClientId, client.clientId);
    assert.match(mine.ImageUrl!, new RegExp(`/_cognate/ui/${pool.id}/${client.clientId}/[0-9a-f]{16}\\.svg$`));
    assert.equal((await get(client.clientId)).UICustomization!.CSS, CLIENT_CSS);
    assert.equal((await get(other.clientId)).UICustomization!.CSS, POOL_CSS);

    const page = await new FormBrowser(tb.url).go(login(client));
    assert.ok(page.html.includes(`<style>${CLIENT_CSS}</style>`));
    assert.ok(!page.html.includes(POOL_CSS), 'the pool\'s CSS is not added to the client\'s');
    const src = tags(page.html, 'img').find((t) => t.attrs.class === 'logo-customizable')!.attrs.src!;
    assert.match(src, new RegExp(`/${client.clientId}/[0-9a-f]{16}\\.svg$`));
    const svg = await fetch(new URL(src, tb.url));
    assert.equal(svg.headers.get('content-type'), 'image/svg+xml');
    // Opened as a document, the SVG's script must not run: no script source at all, and sandboxed.
    assert.match(svg.headers.get('content-security-policy')!, /^default-src 'none'; style-src 'unsafe-inline'/);
    assert.match(svg.headers.get('content-security-policy')!, /sandbox/);
    assert.equal(svg.headers.get('x-content-type-options'), 'nosniff');

    const others = await new FormBrowser(tb.url).go(login(other));
    assert.ok(others.html.includes(`<style>${POOL_CSS}</style>`), 'another client still gets the pool\'s');
  });

  it('refuses CSS beyond the customizable classes, and images that are not PNG, JPEG or SVG or are over 100 KB', async () => {
    await rejectsWith(set({ CSS: 'input { color: red }' }), 'InvalidParameterException', 'CSS selector "input" is not one of the customizable classes.');
    await rejectsWith(set({ CSS: '@import url(https://evil.example/x.css);' }), 'InvalidParameterException', 'CSS cannot contain @import statements.');
    await rejectsWith(set({ CSS: '.label-customizable { width: expression(alert(1)) }' }), 'InvalidParameterException', 'CSS cannot contain JavaScript, expressions, bindings or escapes.');
    // Cognate's own: no url(), since every pool's pages share one origin and its cookies.
    await rejectsWith(set({ CSS: `.banner-customizable { background: url(/logout?client_id=${other.clientId}) }` }), 'InvalidParameterException', /^CSS cannot load resources/);
    await rejectsWith(set({ ImageFile: Buffer.from('GIF89a......') }), 'InvalidParameterException', 'The image file must be a PNG, JPEG or SVG image.');
    // "Your logo file can be no larger than 100 KB" (AWS's hosted UI (classic) branding guide)...
    await rejectsWith(set({ ImageFile: Buffer.concat([PNG, Buffer.alloc(100 * 1024)]) }), 'InvalidParameterException', 'The image file is larger than 100 KB.');
    // ...and the model's limits: ImageFile up to 131,072 bytes, CSS up to 131,072 characters.
    await rejectsWith(set({ ImageFile: Buffer.alloc(131073) }), 'InvalidParameterException', /Member must have length less than or equal to 131072/);
    await rejectsWith(set({ CSS: `.label-customizable{}${' '.repeat(131072)}` }), 'InvalidParameterException', /Member must have length less than or equal to 131072/);
    await rejectsWith(set({ ClientId: 'nosuchclient', CSS: POOL_CSS }), 'ResourceNotFoundException', 'User pool client nosuchclient does not exist.');
    await rejectsWith(get('nosuchclient'), 'ResourceNotFoundException', 'User pool client nosuchclient does not exist.');
    assert.equal((await get()).UICustomization!.CSS, POOL_CSS, 'a refused request changes nothing');
  });

  it('replaces CSS and logo together, and clears a customization set with neither', async () => {
    // "You can't set CSS and logo customization separately" (AWS's hosted UI (classic) branding guide).
    const cssOnly = (await set({ CSS: POOL_CSS })).UICustomization!;
    assert.equal(cssOnly.ImageUrl, undefined, 'a request without the image drops the image');
    const first = (await get()).UICustomization!;
    // Terraform's provider deletes a customization with SetUICustomization(UserPoolId, ClientId) alone.
    const cleared = (await set({ ClientId: client.clientId })).UICustomization!;
    assert.deepEqual(cleared, { UserPoolId: pool.id, ClientId: client.clientId });
    assert.deepEqual((await get(client.clientId)).UICustomization, first, 'the client gets the pool\'s again');
    const page = await new FormBrowser(tb.url).go(login(client));
    assert.ok(page.html.includes(`<style>${POOL_CSS}</style>`));
    assert.equal(tags(page.html, 'img').filter((t) => t.attrs.class === 'logo-customizable').length, 0, 'the pool\'s has no logo now');
    await set({});
    assert.deepEqual((await get()).UICustomization, {});
    const bare = await new FormBrowser(tb.url).go(login(client));
    assert.ok(!bare.html.includes(POOL_CSS), 'the pages are plain again');
  });

  it('keeps the creation date across replacements', async () => {
    const a = (await set({ CSS: POOL_CSS })).UICustomization!;
    await new Promise((r) => setTimeout(r, 15));
    const b = (await set({ CSS: CLIENT_CSS })).UICustomization!;
    assert.equal(b.CreationDate!.getTime(), a.CreationDate!.getTime());
    assert.ok(b.LastModifiedDate!.getTime() > a.LastModifiedDate!.getTime());
    assert.notEqual(b.CSSVersion, a.CSSVersion);
  });

  it('goes with its app client', async () => {
    const gone = await createClient(tb, pool, OAUTH);
    const set1 = (await set({ ClientId: gone.clientId, CSS: CLIENT_CSS, ImageFile: PNG })).UICustomization!;
    await tb.cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: pool.id, ClientId: gone.clientId }));
    assert.equal(await tb.app.store.uiCustomizations.get(pool.id, gone.clientId), undefined);
    assert.equal((await fetch(new URL(new URL(set1.ImageUrl!).pathname, tb.url))).status, 404, 'its logo is no longer served');
  });
});
