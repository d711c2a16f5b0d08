import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertAccessible, form, input, tags } from '../../../test/support/html-page.ts';
import { groupSecret } from './challenge-views.ts';
import type { Frame } from './frame.ts';
import { mfaPage, newPasswordPage, selectMfaPage, totpSetupPage } from './views.ts';

const HOSTILE = `"><script>alert('x')</script>&`;
const carry = { client_id: 'client1', state: 'st' };
const frame = (over: Partial<Frame> = {}): Frame => ({ title: 'Page', csrf: 'csrf-1', carry, ...over });
const session = { session: 'AYABe-session', username: 'alice' };

/** The hidden fields of a challenge's form: CSRF, the carried parameters, session, username (and challenge). */
function hiddenOf(html: string, action: string): Record<string, string> {
  return Object.fromEntries(form(html, action).inputs.filter((i) => i.attrs.type === 'hidden').map((i) => [i.attrs.name, i.attrs.value]));
}

describe('an MFA code', () => {
  it('is posted as `code` to /mfa with the session, the username and the challenge', () => {
    for (const kind of ['SMS_MFA', 'EMAIL_OTP', 'SOFTWARE_TOKEN_MFA'] as const) {
      const html = mfaPage(frame({ title: 'Enter your code' }), { ...session, kind, destination: '+*******0123' });
      assertAccessible(html);
      assert.deepEqual(hiddenOf(html, '/mfa'), { _csrf: 'csrf-1', ...carry, session: 'AYABe-session', username: 'alice', challenge: kind });
      const code = input(form(html, '/mfa'), 'code')!.attrs;
      assert.equal(code.autocomplete, 'one-time-code');
      assert.equal(code.inputmode, 'numeric');
      assert.ok(code.required !== undefined);
    }
  });

  it('says where the code went, or to open the authenticator app', () => {
    assert.match(mfaPage(frame(), { ...session, kind: 'SMS_MFA', destination: '+*******0123' }), /by text message to \+\*\*\*\*\*\*\*0123/);
    assert.match(mfaPage(frame(), { ...session, kind: 'EMAIL_OTP', destination: 'a***@e***' }), /by email to a\*\*\*@e\*\*\*/);
    assert.match(mfaPage(frame(), { ...session, kind: 'SOFTWARE_TOKEN_MFA' }), /authenticator app/);
  });

  it('escapes the session, the username and the destination', () => {
    const html = mfaPage(frame(), { session: HOSTILE, username: HOSTILE, kind: 'SMS_MFA', destination: HOSTILE });
    assert.doesNotMatch(html, /<script/);
    const hidden = hiddenOf(html, '/mfa');
    assert.equal(hidden.session, HOSTILE);
    assert.equal(hidden.username, HOSTILE);
  });

  it('does not let a carried parameter named like a challenge field ride along', () => {
    const html = mfaPage(frame({ carry: { ...carry, session: 'forged', code: '000000' } }), { ...session, kind: 'SMS_MFA' });
    const f = form(html, '/mfa');
    assert.deepEqual(f.inputs.filter((i) => i.attrs.name === 'session').map((i) => i.attrs.value), ['AYABe-session']);
    assert.equal(f.inputs.filter((i) => i.attrs.name === 'code').length, 1);
  });
});

describe('choosing an MFA factor', () => {
  it('is a radio group `answer` with a legend, posted with challenge SELECT_MFA_TYPE', () => {
    const html = selectMfaPage(frame({ title: 'Choose a sign-in method' }), { ...session, options: ['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP', 'SMS_MFA'] });
    assertAccessible(html);
    assert.equal(hiddenOf(html, '/mfa').challenge, 'SELECT_MFA_TYPE');
    const radios = form(html, '/mfa').inputs.filter((i) => i.attrs.type === 'radio');
    assert.deepEqual(radios.map((r) => [r.attrs.name, r.attrs.value, r.attrs.checked !== undefined]), [
      ['answer', 'SOFTWARE_TOKEN_MFA', true], ['answer', 'EMAIL_OTP', false], ['answer', 'SMS_MFA', false],
    ]);
    assert.match(html, /<fieldset>\n<legend class="label-customizable">[^<]+<\/legend>/);
    for (const l of ['Authenticator app', 'Email', 'Text message (SMS)']) assert.match(html, new RegExp(`>${l.replace(/[()]/g, '\\$&')}</label>`));
  });
});

describe('setting up an authenticator app', () => {
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
  const uri = `otpauth://totp/Orders:alice?secret=${secret}&issuer=Orders`;

  it('shows the secret in groups of four and the otpauth URI, and posts `code` with challenge MFA_SETUP', () => {
    const html = totpSetupPage(frame({ title: 'Set up an authenticator app' }), { ...session, secret, otpauthUri: uri });
    assertAccessible(html);
    assert.equal(groupSecret(secret), 'JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    assert.equal(groupSecret('ABCDEF'), 'ABCD EF');
    assert.match(html, /<code class="secret">JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP<\/code>/);
    assert.ok(html.includes(`<code class="secret">otpauth://totp/Orders:alice?secret=${secret}&amp;issuer=Orders</code>`));
    assert.ok(tags(html, 'a').some((a) => a.attrs.href === uri), 'a link opens the authenticator on this device');
    const f = form(html, '/mfa');
    assert.equal(hiddenOf(html, '/mfa').challenge, 'MFA_SETUP');
    assert.equal(input(f, 'code')!.attrs.autocomplete, 'one-time-code');
    assert.equal(input(f, 'friendlyDeviceName')!.attrs.required, undefined);
  });

  it('makes no link of a URI that is not otpauth:, and escapes it as text', () => {
    const html = totpSetupPage(frame(), { ...session, secret: HOSTILE, otpauthUri: `javascript:alert(1)//${HOSTILE}` });
    assert.doesNotMatch(html, /<script/);
    assert.ok(!tags(html, 'a').some((a) => a.attrs.href.startsWith('javascript:')));
  });
});

describe('a new password', () => {
  it('posts password, confirmPassword and the missing attributes to /newPassword with the session', () => {
    const html = newPasswordPage(frame({ title: 'Change your password' }), {
      ...session,
      fields: [{ name: 'email', label: 'Email', type: 'email', required: true, value: HOSTILE }],
      passwordHint: 'At least 8 characters.',
    });
    assertAccessible(html);
    const f = form(html, '/newPassword');
    assert.deepEqual(hiddenOf(html, '/newPassword'), { _csrf: 'csrf-1', ...carry, session: 'AYABe-session', username: 'alice' });
    assert.deepEqual(f.inputs.filter((i) => i.attrs.type !== 'hidden').map((i) => [i.attrs.name, i.attrs.type, i.attrs.autocomplete]), [
      ['password', 'password', 'new-password'], ['confirmPassword', 'password', 'new-password'], ['requiredAttributes[email]', 'email', 'email'],
    ]);
    assert.equal(input(f, 'requiredAttributes[email]')!.attrs.value, HOSTILE);
    assert.doesNotMatch(html, /<script/);
    assert.match(html, /At least 8 characters\./);
  });
});
