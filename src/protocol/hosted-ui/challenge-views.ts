/**
 * The pages of a sign-in's challenges: an MFA code, the choice of MFA factor, setting up an
 * authenticator app, and the new password an administrator-created user must choose. Each form
 * carries the challenge's session and username as hidden fields back to the route.
 */
import type { MfaFactor } from '../../domain/mfa.ts';
import { attributeControls, attributeInput, codeControl, control, postForm, submit, text } from './controls.ts';
import type { Field } from './controls.ts';
import { hidden, page } from './frame.ts';
import type { Frame } from './frame.ts';
import { attrs, escapeHtml } from './html.ts';

const FACTOR_LABELS: Record<MfaFactor, string> = {
  SMS_MFA: 'Text message (SMS)',
  EMAIL_OTP: 'Email',
  SOFTWARE_TOKEN_MFA: 'Authenticator app',
};

function challengeFields(o: { session: string; username: string }, challenge?: string): string {
  return hidden('session', o.session) + hidden('username', o.username) + (challenge ? hidden('challenge', challenge) : '');
}

function codePrompt(kind: MfaFactor, destination: string | undefined): string {
  if (kind === 'SOFTWARE_TOKEN_MFA') return 'Enter the code from your authenticator app.';
  const by = kind === 'SMS_MFA' ? 'by text message' : 'by email';
  return `We have sent a code ${by}${destination ? ` to ${destination}` : ''}. Enter it to sign in.`;
}

/** The code of an MFA challenge (SMS_MFA, EMAIL_OTP or SOFTWARE_TOKEN_MFA), posted as `code`. */
export function mfaPage(f: Frame, o: { session: string; username: string; kind: MfaFactor; destination?: string }): string {
  const body = text(codePrompt(o.kind, o.destination))
    + postForm(f, '/mfa', ['session', 'username', 'challenge', 'code'],
      challengeFields(o, o.kind) + codeControl(f, 'code', 'Code') + submit('Sign in'));
  return page(f, body);
}

/** SELECT_MFA_TYPE: one radio button `answer` per factor the user may choose, the first chosen. */
export function selectMfaPage(f: Frame, o: { session: string; username: string; options: MfaFactor[] }): string {
  const choices = o.options.map((kind, i) => `<div class="choice">
<input${attrs({ type: 'radio', id: `answer-${kind}`, name: 'answer', value: kind, required: true, checked: i === 0 })}>
<label${attrs({ for: `answer-${kind}`, class: 'label-customizable' })}>${escapeHtml(FACTOR_LABELS[kind])}</label>
</div>
`).join('');
  const body = postForm(f, '/mfa', ['session', 'username', 'challenge', 'answer'],
    challengeFields(o, 'SELECT_MFA_TYPE')
    + `<fieldset>\n<legend class="label-customizable">How do you want to confirm it is you?</legend>\n${choices}</fieldset>\n`
    + submit('Continue'));
  return page(f, body);
}

/** A TOTP secret in groups of four, easier to read out and type than 32 letters in a row. */
export const groupSecret = (secret: string): string => (secret.match(/.{1,4}/g) ?? []).join(' ');

/**
 * MFA_SETUP: the authenticator app's secret, shown as text (no QR code: the pages have no
 * script and no image library), and its otpauth URI, as text and as a link that opens an
 * authenticator on the same device. The code it then shows is posted as `code`.
 */
export function totpSetupPage(f: Frame, o: { session: string; username: string; secret: string; otpauthUri: string }): string {
  // Only an otpauth: URI becomes a link: whatever else the route was handed stays text.
  const link = /^otpauth:\/\//i.test(o.otpauthUri)
    ? `<p><a${attrs({ href: o.otpauthUri, class: 'redirect-customizable' })}>Open in an authenticator app on this device</a></p>\n`
    : '';
  const body = text('Add this secret key to your authenticator app, then enter the code the app shows.')
    + `<p class="label-customizable">Secret key</p>\n<p><code class="secret">${escapeHtml(groupSecret(o.secret))}</code></p>\n`
    + link
    + `<details>\n<summary>Setup URI</summary>\n<p><code class="secret">${escapeHtml(o.otpauthUri)}</code></p>\n</details>\n`
    + postForm(f, '/mfa', ['session', 'username', 'challenge', 'code', 'friendlyDeviceName'],
      challengeFields(o, 'MFA_SETUP')
      + codeControl(f, 'code', 'Code from the app')
      + control(f, { id: 'friendlyDeviceName', name: 'friendlyDeviceName', label: 'Device name (optional)', type: 'text', required: false, autocomplete: 'off' })
      + submit('Verify'));
  return page(f, body);
}

/**
 * NEW_PASSWORD_REQUIRED: the new password twice, and the required attributes the user still
 * lacks, posted as `requiredAttributes[<name>]`.
 */
export function newPasswordPage(f: Frame, o: { session: string; username: string; fields: Field[]; passwordHint: string }): string {
  const own = ['session', 'username', 'password', 'confirmPassword', ...o.fields.map((x) => attributeInput(x.name))];
  const body = text('Choose a new password to continue.')
    + postForm(f, '/newPassword', own,
      challengeFields(o)
      + control(f, { id: 'password', name: 'password', label: 'New password', type: 'password', required: true, autocomplete: 'new-password', hint: o.passwordHint })
      + control(f, { id: 'confirmPassword', name: 'confirmPassword', label: 'Enter new password again', type: 'password', required: true, autocomplete: 'new-password' })
      + attributeControls(f, o.fields)
      + submit('Change password'));
  return page(f, body);
}
