import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertAccessible, form, forms, input, tags } from '../../../test/support/html-page.ts';
import type { Frame } from './frame.ts';
import {
  confirmForgotPasswordPage, confirmSignUpPage, errorPage, forgotPasswordPage, PAGE_HEADERS, signedOutPage, signInPage, signUpPage,
} from './views.ts';

const HOSTILE = `"><script>alert('x')</script>&`;
const carry = { client_id: 'client1', response_type: 'code', redirect_uri: 'https://app.example/cb', state: 'st&"x' };
const frame = (over: Partial<Frame> = {}): Frame => ({ title: 'Page', csrf: 'csrf-1', carry, ...over });

/** Each form carries the CSRF token and every carried parameter as hidden fields. */
function assertCarried(html: string): void {
  const all = forms(html);
  assert.ok(all.length > 0);
  for (const f of all) {
    const hidden = Object.fromEntries(f.inputs.filter((i) => i.attrs.type === 'hidden').map((i) => [i.attrs.name, i.attrs.value]));
    assert.equal(hidden._csrf, 'csrf-1', f.attrs.action);
    for (const [k, v] of Object.entries(carry)) assert.equal(hidden[k], v, `${f.attrs.action}: ${k}`);
  }
}

/** The link to `path`, with the carried parameters in its query string. */
function link(html: string, path: string): URLSearchParams {
  const found = tags(html, 'a').filter((a) => a.attrs.href.startsWith(`${path}?`));
  assert.equal(found.length, 1, `one link to ${path}`);
  const q = new URL(found[0].attrs.href, 'https://auth.example').searchParams;
  for (const [k, v] of Object.entries(carry)) assert.equal(q.get(k), v, `${path}: ${k}`);
  return q;
}

describe('the sign-in page', () => {
  const render = (over = {}, f = frame({ title: 'Sign in' })) => signInPage(f, { usernameLabel: 'Username', signUp: true, providers: [], ...over });

  it('posts username and password to /login, and links to the password and sign-up pages', () => {
    const html = render({ username: 'alice' });
    assertAccessible(html);
    assertCarried(html);
    const f = form(html, '/login');
    assert.deepEqual(input(f, 'username')!.attrs, {
      id: 'username', name: 'username', type: 'text', class: 'inputField-customizable', required: '', autocomplete: 'username', value: 'alice',
      autocapitalize: 'none', autocorrect: 'off', spellcheck: 'false',
    });
    const pw = input(f, 'password')!.attrs;
    assert.equal(pw.type, 'password');
    assert.equal(pw.autocomplete, 'current-password');
    assert.equal(pw.value, undefined);
    assert.match(f.html, /<label for="username" class="label-customizable">Username<\/label>/);
    assert.match(f.html, /<button type="submit" class="submitButton-customizable">Sign in<\/button>/);
    link(html, '/forgotPassword');
    link(html, '/signup');
    assert.match(html, /<p class="redirect-customizable"><a [^>]+>Forgot your password\?<\/a><\/p>/);
  });

  it('leaves out the sign-up link when the pool lets only administrators create users', () => {
    assert.equal(tags(render({ signUp: false }), 'a').filter((a) => a.attrs.href.startsWith('/signup')).length, 0);
  });

  it('has one button per identity provider, social ones in their own class', () => {
    const html = render({ providers: [
      { name: 'Google', href: '/oauth2/authorize?identity_provider=Google' },
      { name: 'SignInWithApple', href: '/oauth2/authorize?identity_provider=SignInWithApple' },
      { name: 'Okta', href: 'https://okta.example/authorize?x=1' },
      { name: 'Evil', href: 'javascript:alert(1)' },
      { name: 'toString', href: '/oauth2/authorize?identity_provider=toString' },
    ] });
    assertAccessible(html);
    const buttons = tags(html, 'a').filter((a) => /(idp|social)Button-customizable/.test(a.attrs.class ?? ''));
    assert.deepEqual(buttons.map((b) => [b.attrs.class, b.attrs.href]), [
      ['idpButton-customizable', 'https://okta.example/authorize?x=1'],
      ['idpButton-customizable', '/oauth2/authorize?identity_provider=toString'],
      ['socialButton-customizable', '/oauth2/authorize?identity_provider=Google'],
      ['socialButton-customizable', '/oauth2/authorize?identity_provider=SignInWithApple'],
    ]);
    for (const t of ['Continue with Okta', 'Continue with Google', 'Continue with Apple', 'Continue with toString']) assert.ok(html.includes(`>${t}</a>`), t);
    assert.doesNotMatch(html, /javascript:/);
    assert.match(html, /class="idpDescription-customizable"/);
  });

  it('can offer identity providers alone', () => {
    const html = render({ local: false, providers: [{ name: 'Google', href: '/g' }] });
    assert.equal(forms(html).length, 0);
    assert.equal(tags(html, 'a').length, 1);
  });

  it('escapes the username, its label and the providers', () => {
    const html = render({ username: HOSTILE, usernameLabel: HOSTILE, providers: [{ name: HOSTILE, href: `/x?a=${HOSTILE}` }] });
    assert.doesNotMatch(html, /<script/);
    assert.equal(input(form(html, '/login'), 'username')!.attrs.value, HOSTILE);
    assert.equal(tags(html, 'a')[0].attrs.href, `/x?a=${HOSTILE}`);
  });

  it('marks the field at fault and points it at the alert', () => {
    const html = signInPage(frame({ error: 'Password is wrong', errorField: 'password' }), { usernameLabel: 'Email', signUp: false, providers: [] });
    const pw = input(form(html, '/login'), 'password')!.attrs;
    assert.equal(pw['aria-invalid'], 'true');
    assert.equal(pw['aria-describedby'], 'error');
    assert.equal(input(form(html, '/login'), 'username')!.attrs['aria-invalid'], undefined);
  });
});

describe('the sign-up page', () => {
  const render = (f = frame({ title: 'Sign up' })) => signUpPage(f, {
    usernameField: { name: 'username', label: 'Email', type: 'email', required: true, value: 'a@example.com' },
    fields: [
      { name: 'name', label: 'Name', type: 'text', required: true, autocomplete: 'name', value: HOSTILE },
      { name: 'phone_number', label: 'Phone number', type: 'tel', required: true, hint: '+15555550123' },
      { name: 'custom:team', label: 'Team', type: 'text', required: false },
      { name: 'birthdate', label: 'Birthdate', type: 'date', required: true },
    ],
    passwordHint: 'At least 8 characters, with a number.',
  });

  it('posts username, password and requiredAttributes[<name>] to /signup', () => {
    const html = render();
    assertAccessible(html);
    assertCarried(html);
    const f = form(html, '/signup');
    assert.deepEqual(f.inputs.filter((i) => i.attrs.type !== 'hidden').map((i) => [i.attrs.name, i.attrs.type, i.attrs.autocomplete]), [
      ['username', 'email', 'username'],
      ['requiredAttributes[name]', 'text', 'name'],
      ['requiredAttributes[phone_number]', 'tel', 'tel'],
      ['requiredAttributes[custom:team]', 'text', undefined],
      ['requiredAttributes[birthdate]', 'date', undefined],
      ['password', 'password', 'new-password'],
    ]);
    assert.equal(input(f, 'username')!.attrs.value, 'a@example.com');
    assert.equal(input(f, 'requiredAttributes[name]')!.attrs.value, HOSTILE);
    assert.equal(input(f, 'requiredAttributes[custom:team]')!.attrs.required, undefined);
    assert.doesNotMatch(html, /<script/);
    const pw = input(f, 'password')!.attrs;
    assert.equal(pw['aria-describedby'], 'password-hint');
    assert.match(html, /<p id="password-hint" class="hint textDescription-customizable">At least 8 characters, with a number.<\/p>/);
    assert.match(f.html, />Sign up<\/button>/);
    link(html, '/login');
  });

  it('never echoes a password, even one handed to it as a value', () => {
    const html = signUpPage(frame(), {
      usernameField: { name: 'username', label: 'Username', type: 'text', required: true },
      fields: [{ name: 'x', label: 'X', type: 'password', required: true, value: 'Secret123!' }],
      passwordHint: '',
    });
    assert.doesNotMatch(html, /Secret123!/);
  });
});

describe('confirming a sign-up', () => {
  it('posts confirmation_code with the username to /confirm, and resends with a second form to /resendCode', () => {
    const html = confirmSignUpPage(frame({ title: 'Confirm your account' }), { username: 'alice', destination: 'a***@e***', medium: 'EMAIL' });
    assertAccessible(html);
    assertCarried(html);
    const confirm = form(html, '/confirm');
    assert.equal(input(confirm, 'username')!.attrs.type, 'hidden');
    assert.equal(input(confirm, 'username')!.attrs.value, 'alice');
    const code = input(confirm, 'confirmation_code')!.attrs;
    assert.equal(code.inputmode, 'numeric');
    assert.equal(code.autocomplete, 'one-time-code');
    assert.match(html, /We have sent a code by email to a\*\*\*@e\*\*\*\./);
    const resend = form(html, '/resendCode');
    assert.equal(input(resend, 'username')!.attrs.value, 'alice');
    assert.match(resend.html, /<button type="submit" class="secondary">Resend code<\/button>/);
  });

  it('says "by text message" for SMS, and nothing of a destination it does not know', () => {
    assert.match(confirmSignUpPage(frame(), { username: 'a', destination: '+*******0123', medium: 'SMS' }), /by text message to \+\*\*\*\*\*\*\*0123/);
    assert.match(confirmSignUpPage(frame(), { username: 'a' }), /We have sent a code\. Enter it/);
  });

  it('escapes the username and the destination', () => {
    const html = confirmSignUpPage(frame(), { username: HOSTILE, destination: HOSTILE });
    assert.doesNotMatch(html, /<script/);
    assert.equal(input(form(html, '/resendCode'), 'username')!.attrs.value, HOSTILE);
  });
});

describe('a forgotten password', () => {
  it('asks for the username at /forgotPassword', () => {
    const html = forgotPasswordPage(frame({ title: 'Forgot your password?' }), { username: HOSTILE });
    assertAccessible(html);
    assertCarried(html);
    const u = input(form(html, '/forgotPassword'), 'username')!.attrs;
    assert.equal(u.value, HOSTILE);
    assert.equal(u.autocomplete, 'username');
    assert.doesNotMatch(html, /<script/);
    link(html, '/login');
  });

  it('posts code, password and confirmPassword with the hidden username to /confirmForgotPassword', () => {
    const html = confirmForgotPasswordPage(frame({ title: 'Reset your password' }), { username: 'alice', destination: 'a***@e***', passwordHint: 'At least 8 characters.' });
    assertAccessible(html);
    assertCarried(html);
    const f = form(html, '/confirmForgotPassword');
    assert.deepEqual(f.inputs.filter((i) => !(i.attrs.name in carry) && i.attrs.name !== '_csrf').map((i) => [i.attrs.name, i.attrs.type, i.attrs.autocomplete]), [
      ['username', 'hidden', undefined], ['code', 'text', 'one-time-code'], ['password', 'password', 'new-password'], ['confirmPassword', 'password', 'new-password'],
    ]);
    assert.equal(input(f, 'code')!.attrs.inputmode, 'numeric');
    assert.match(html, /password reset code to a\*\*\*@e\*\*\*/);
    link(html, '/forgotPassword');
  });
});

describe('the error and signed-out pages', () => {
  it('show Cognito\'s heading and the message, with no form', () => {
    const html = errorPage({ title: 'Error' }, { heading: 'An error was encountered with the requested page.', message: HOSTILE });
    assertAccessible(html);
    assert.match(html, /<h1 class="textDescription-customizable">An error was encountered with the requested page.<\/h1>/);
    assert.match(html, /<title>Error<\/title>/);
    assert.match(html, /<p class="errorMessage-customizable" role="alert">&quot;&gt;&lt;script&gt;/);
    assert.equal(forms(html).length, 0);
    assert.equal(tags(html, 'a').length, 0, 'no way back without the authorize request');
  });

  it('link back to sign-in when they have the authorize request', () => {
    link(errorPage({ title: 'Error', carry }, { heading: 'h', message: 'm' }), '/login');
    const out = signedOutPage(frame({ title: 'Signed out' }));
    assertAccessible(out);
    assert.match(out, /You have been signed out\./);
    link(out, '/login');
    assert.equal(tags(signedOutPage(frame({ carry: {} })), 'a').length, 0);
  });
});

it('answers with no caching, no script, no framing and no referrer', () => {
  assert.equal(PAGE_HEADERS['content-type'], 'text/html; charset=utf-8');
  assert.equal(PAGE_HEADERS['cache-control'], 'no-store');
  assert.match(PAGE_HEADERS['content-security-policy'], /^default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self' \*/);
  assert.doesNotMatch(PAGE_HEADERS['content-security-policy'], /script-src/);
  assert.equal(PAGE_HEADERS['x-frame-options'], 'DENY');
  assert.equal(PAGE_HEADERS['referrer-policy'], 'no-referrer');
  assert.equal(PAGE_HEADERS['x-content-type-options'], 'nosniff');
});

describe('terms links', () => {
  const terms = [
    { name: 'Terms of use', href: 'https://example.com/t"><script>' },
    { name: 'Privacy policy', href: 'javascript:alert(1)' },
    { name: 'Local', href: 'http://localhost:3000/privacy' },
    { name: 'Plain', href: 'http://example.com/privacy' },
  ];

  it('writes only https and http-localhost links, escaped, on sign-in and sign-up', () => {
    const signIn = signInPage(frame({ title: 'Sign in', terms }), { usernameLabel: 'Username', signUp: true, providers: [] });
    const signUp = signUpPage(frame({ title: 'Sign up', terms }), { usernameField: { name: 'username', label: 'Username', type: 'text', required: true }, fields: [], passwordHint: '' });
    for (const html of [signIn, signUp]) {
      const hrefs = tags(html, 'a').filter((t) => t.attrs.class === 'legalText-customizable').map((t) => t.attrs.href);
      assert.deepEqual(hrefs, ['https://example.com/t"><script>', 'http://localhost:3000/privacy']);
      assert.ok(!html.includes('<script>'));
      assert.ok(!html.includes('javascript:'));
    }
  });

  it('writes nothing without terms', () => {
    const html = signInPage(frame({ title: 'Sign in' }), { usernameLabel: 'Username', signUp: true, providers: [] });
    assert.ok(!html.includes('class="legalText-customizable terms"'));
  });
});
