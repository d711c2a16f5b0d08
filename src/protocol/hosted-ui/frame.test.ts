import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertAccessible, decode, forms, tags } from '../../../test/support/html-page.ts';
import { CUSTOMIZABLE_CLASSES } from '../../domain/ui-css.ts';
import { logoSource, styleText } from './branding.ts';
import { escapeHtml, hiddenFields, linkTo, page } from './frame.ts';
import type { Frame } from './frame.ts';
import { safeHref } from './html.ts';

const HOSTILE = `"><script>alert('x')</script>&amp;`;
const frame = (over: Partial<Frame> = {}): Frame => ({ title: 'Sign in', csrf: 'tok', carry: { client_id: 'abc', state: 's 1&2' }, ...over });

describe('escaping', () => {
  it('escapes the five characters that matter in text and in quoted attributes', () => {
    assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    assert.equal(decode(escapeHtml(HOSTILE)), HOSTILE);
  });

  it('puts hostile titles, app names, errors and infos on the page as text', () => {
    const html = page(frame({ title: HOSTILE, appName: HOSTILE, error: HOSTILE, info: HOSTILE }), '');
    assert.doesNotMatch(html, /<script/);
    assert.equal(html.split(escapeHtml(HOSTILE)).length - 1, 6, '<title> (page and app), h1, app name, alert, status');
  });

  it('lets only web links through safeHref', () => {
    assert.equal(safeHref('/oauth2/authorize?identity_provider=Google'), '/oauth2/authorize?identity_provider=Google');
    assert.equal(safeHref('https://idp.example.com/a?b=c'), 'https://idp.example.com/a?b=c');
    for (const bad of ['javascript:alert(1)', ' javascript:alert(1)', 'data:text/html,x', '//evil.example', '/\\evil.example', 'vbscript:x', 'nope']) {
      assert.equal(safeHref(bad), undefined, bad);
    }
  });
});

describe('the document', () => {
  it('is an accessible page: lang, viewport, one main, one h1, the alert and status regions', () => {
    const html = page(frame({ appName: 'Orders', error: 'Incorrect username or password.', info: 'Code sent.' }), '<p>body</p>');
    assertAccessible(html);
    assert.match(html, /<title>Sign in – Orders<\/title>/);
    assert.match(html, /<div id="error" class="errorMessage-customizable" role="alert">Incorrect username or password.<\/div>/);
    assert.match(html, /<div class="status" role="status">Code sent.<\/div>/);
    assert.match(html, /<body class="background-customizable">/);
  });

  it('puts the pool CSS after the base CSS, in a style element of its own', () => {
    const html = page(frame({ branding: { css: '.submitButton-customizable{background:#123}' } }), '');
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
    assert.equal(styles.length, 2);
    assert.match(styles[0], /\.submitButton-customizable\{display:block/);
    assert.equal(styles[1], '.submitButton-customizable{background:#123}');
  });

  it('keeps a pool CSS from closing its style element or opening a comment', () => {
    for (const css of ['a{}</style><script>alert(1)</script>', 'a{}</STYLE >x', 'a{}<!--<script>', 'a{}</sTyLe/>', 'a{content:"<"}']) {
      const html = page(frame({ branding: { css } }), '');
      assert.doesNotMatch(html, /<script/i, css);
      assert.equal(html.match(/<\/style/gi)?.length, 2, `${css}: only the two style elements end`);
      assert.doesNotMatch(html, /<!--/, css);
    }
    // The escape `\3c ` is CSS for `<`, so a string that held one still does.
    assert.equal(styleText('a::after{content:"<"}'), 'a::after{content:"\\3c "}');
  });

  it('shows a logo only from https: or a base64 data:image URL', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    for (const ok of [png, 'data:image/svg+xml;base64,PHN2Zz4=', 'data:image/webp;base64,UklGRg==', 'https://cdn.example.com/logo.png',
      '/_cognate/ui/us-east-1_Abc/ALL/0a1b2c3d.png', '/_cognate/ui/us-east-1_Abc/3n4b5urk1ft4fl3mg5e62d9ado/ff00.svg']) {
      const html = page(frame({ branding: { logoUrl: ok } }), '');
      const img = tags(html, 'img');
      assert.equal(img.length, 1, ok);
      assert.equal(img[0].attrs.src, ok);
      assert.equal(img[0].attrs.class, 'logo-customizable');
      assert.equal(img[0].attrs.alt, '');
    }
    for (const bad of ['http://cdn.example.com/logo.png', 'javascript:alert(1)', 'data:text/html;base64,PHNjcmlwdD4=', 'data:image/png,<svg onload=x>',
      'data:image/svg+xml;utf8,<svg/onload=alert(1)>', '//evil.example/_cognate/ui/us-east-1_A/ALL/00.png', '/_cognate/ui/us-east-1_A/ALL/00.png?x=1',
      '/_cognate/ui/us-east-1_A/ALL/../../logout', '/logout', '/_cognate/ui/us-east-1_A/ALL/00.gif', `https://x.example/"><script>`.replace('https://x.example/', 'https://user:pw@x.example/'), 'not a url', '']) {
      assert.equal(logoSource(bad), undefined, bad);
      assert.equal(tags(page(frame({ branding: { logoUrl: bad } }), ''), 'img').length, 0, bad);
    }
    // A quote in an https URL is percent-encoded by the URL parser, so it cannot end the attribute.
    assert.equal(logoSource('https://x.example/a"b<c'), 'https://x.example/a%22b%3Cc');
  });

  it('names the classes AWS lets a pool style, as the AWS documentation lists them', () => {
    // https://docs.aws.amazon.com/cognito/latest/developerguide/hosted-ui-classic-branding.html
    for (const c of ['banner-customizable', 'label-customizable', 'textDescription-customizable', 'idpButton-customizable', 'idpDescription-customizable',
      'legalText-customizable', 'submitButton-customizable', 'errorMessage-customizable', 'background-customizable', 'inputField-customizable',
      'logo-customizable', 'redirect-customizable', 'socialButton-customizable']) {
      assert.ok((CUSTOMIZABLE_CLASSES as readonly string[]).includes(c), c);
    }
  });
});

describe('carried parameters', () => {
  it('become hidden fields after the CSRF token, escaped', () => {
    const html = hiddenFields({ csrf: HOSTILE, carry: { state: HOSTILE, [HOSTILE]: 'v' } });
    assert.doesNotMatch(html, /<script/);
    const inputs = tags(html, 'input');
    assert.deepEqual(inputs.map((i) => [i.attrs.type, i.attrs.name, i.attrs.value]), [
      ['hidden', '_csrf', HOSTILE], ['hidden', 'state', HOSTILE], ['hidden', HOSTILE, 'v'],
    ]);
  });

  it('never add a second _csrf or a field the form has itself', () => {
    const html = hiddenFields({ csrf: 'real', carry: { _csrf: 'forged', password: 'x', client_id: 'c' } }, ['password']);
    assert.deepEqual(tags(html, 'input').map((i) => [i.attrs.name, i.attrs.value]), [['_csrf', 'real'], ['client_id', 'c']]);
  });

  it('become a query string in links, extra values winning', () => {
    assert.equal(linkTo('/login', {}), '/login');
    const url = linkTo('/signup', { client_id: 'c', state: 'a b&c=d', redirect_uri: 'https://app.example/cb?x=1' }, { state: 'mine' });
    const parsed = new URL(url, 'https://auth.example');
    assert.equal(parsed.pathname, '/signup');
    assert.deepEqual([...parsed.searchParams], [['client_id', 'c'], ['state', 'mine'], ['redirect_uri', 'https://app.example/cb?x=1']]);
    assert.doesNotMatch(url, /[<>"' ]/);
    for (const bad of ['https://evil.example/', '//evil.example', 'login', '/a?b']) assert.throws(() => linkTo(bad, {}), bad);
  });

  it('reach every form of a page', () => {
    const html = page(frame(), `<form method="post" action="/x">${hiddenFields(frame())}</form><form method="post" action="/y">${hiddenFields(frame())}</form>`);
    for (const f of forms(html)) {
      assert.deepEqual(f.inputs.map((i) => i.attrs.name), ['_csrf', 'client_id', 'state']);
      assert.equal(f.inputs.find((i) => i.attrs.name === 'state')!.attrs.value, 's 1&2');
    }
  });
});
