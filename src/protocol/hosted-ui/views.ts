/**
 * The managed login pages (Cognito's classic hosted UI): sign-in, sign-up and its confirmation,
 * the forgotten password, the error and signed-out pages; the MFA and new-password pages are in
 * challenge-views.ts. Each is a pure function from what the route knows to an HTML document.
 * Field names are Cognito's classic pages' where it has them (`username`, `password`), so that
 * scripts written against AWS's pages drive these too (docs/oauth.md lists them).
 */
import { attributeControls, attributeInput, codeControl, control, IDENTIFIER, outLink, pageLink, postForm, redirect, submit, text } from './controls.ts';
import type { Field } from './controls.ts';
import { isSafeLink } from '../../domain/terms.ts';
import { hidden, page } from './frame.ts';
import type { Frame } from './frame.ts';
import { attrs, escapeHtml } from './html.ts';

export type { Field };
export { mfaPage, newPasswordPage, selectMfaPage, totpSetupPage } from './challenge-views.ts';

/** Headers every page is answered with: no caching, no script, no framing, no referrer. */
export const PAGE_HEADERS: Record<string, string> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  // frame-ancestors and base-uri are not covered by default-src: named here so they are closed too.
  'content-security-policy': "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self' *; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

/** The provider names Cognito gives social identity providers, and how the button names them. */
const SOCIAL: Record<string, string> = { Google: 'Google', Facebook: 'Facebook', LoginWithAmazon: 'Amazon', SignInWithApple: 'Apple' };

export interface SignInOptions {
  username?: string;
  /** "Username", "Email", "Phone number", "Username or email", ... as the pool signs in. */
  usernameLabel: string;
  /** Whether the "Sign up" link is shown (the pool lets users sign themselves up). */
  signUp: boolean;
  /** One button per identity provider; `href` starts its sign-in (a path here, or an http(s) URL). */
  providers: { name: string; href: string }[];
  /** False when the app client does not sign in with the pool's own users (no COGNITO provider). */
  local?: boolean;
}

export function signInPage(f: Frame, o: SignInOptions): string {
  const local = o.local !== false;
  let body = '';
  const social = o.providers.filter((p) => Object.hasOwn(SOCIAL, p.name));
  const corporate = o.providers.filter((p) => !Object.hasOwn(SOCIAL, p.name));
  if (corporate.length) {
    body += text('Sign in with your corporate ID', 'idpDescription-customizable');
    for (const p of corporate) body += outLink(p.href, `Continue with ${p.name}`, 'idpButton-customizable');
  }
  for (const p of social) body += outLink(p.href, `Continue with ${SOCIAL[p.name]}`, 'socialButton-customizable');
  if (local && o.providers.length) body += text('or', 'legalText-customizable');
  if (local) {
    body += postForm(f, '/login', ['username', 'password'],
      control(f, { id: 'username', name: 'username', label: o.usernameLabel, type: 'text', required: true, autocomplete: 'username', value: o.username, extra: IDENTIFIER })
      + control(f, { id: 'password', name: 'password', label: 'Password', type: 'password', required: true, autocomplete: 'current-password' })
      + submit('Sign in'));
    body += redirect(pageLink(f, '/forgotPassword', 'Forgot your password?'));
  }
  if (local && o.signUp) body += redirect(`Need an account? ${pageLink(f, '/signup', 'Sign up')}`);
  return page(f, body + termsLinks(f));
}

export interface SignUpOptions {
  /** The username's input (posted as `username`): its label and type follow the pool's sign-in names. */
  usernameField: Field;
  /** The pool's required attributes (and email or phone as needed), posted as `requiredAttributes[<name>]`. */
  fields: Field[];
  passwordHint: string;
}

export function signUpPage(f: Frame, o: SignUpOptions): string {
  const u = o.usernameField;
  const identifier = u.type === 'text' ? IDENTIFIER : undefined;
  const own = ['username', 'password', ...o.fields.map((x) => attributeInput(x.name))];
  const body = postForm(f, '/signup', own,
    control(f, { ...u, id: 'username', name: 'username', autocomplete: u.autocomplete ?? 'username', extra: identifier })
    + attributeControls(f, o.fields)
    + control(f, { id: 'password', name: 'password', label: 'Password', type: 'password', required: true, autocomplete: 'new-password', hint: o.passwordHint })
    + submit('Sign up'))
    + redirect(`Already have an account? ${pageLink(f, '/login', 'Sign in')}`);
  return page(f, body + termsLinks(f));
}

/**
 * The client's terms of use and privacy policy, as links. The URLs are the pool administrator's:
 * only https (or http to this machine) is written, escaped, and opened without the page as opener.
 */
function termsLinks(f: Pick<Frame, 'terms'>): string {
  const links = (f.terms ?? []).filter((t) => isSafeLink(t.href));
  if (!links.length) return '';
  const items = links.map((t) => `<a${attrs({ href: t.href, class: 'legalText-customizable', rel: 'noopener noreferrer', target: '_blank' })}>${escapeHtml(t.name)}</a>`);
  return `<p class="legalText-customizable terms">${items.join(' · ')}</p>\n`;
}

/** "by email to a***@e***": where a code went, when the route knows (the destination is masked). */
function sentTo(destination: string | undefined, medium: 'EMAIL' | 'SMS' | undefined): string {
  if (!destination) return '';
  return `${medium === 'SMS' ? ' by text message' : medium === 'EMAIL' ? ' by email' : ''} to ${destination}`;
}

export function confirmSignUpPage(f: Frame, o: { username: string; destination?: string; medium?: 'EMAIL' | 'SMS' }): string {
  const body = text(`We have sent a code${sentTo(o.destination, o.medium)}. Enter it below to confirm your account.`)
    + postForm(f, '/confirm', ['username', 'confirmation_code'],
      hidden('username', o.username) + codeControl(f, 'confirmation_code', 'Verification code') + submit('Confirm account'))
    + postForm(f, '/resendCode', ['username'],
      hidden('username', o.username) + text("Didn't receive a code?") + submit('Resend code', 'secondary'));
  return page(f, body);
}

export function forgotPasswordPage(f: Frame, o: { username?: string }): string {
  const body = text('Enter your username and we will send you a code to reset your password.')
    + postForm(f, '/forgotPassword', ['username'],
      control(f, { id: 'username', name: 'username', label: 'Username', type: 'text', required: true, autocomplete: 'username', value: o.username, extra: IDENTIFIER })
      + submit('Reset my password'))
    + redirect(pageLink(f, '/login', 'Back to sign in'));
  return page(f, body);
}

export function confirmForgotPasswordPage(f: Frame, o: { username: string; destination?: string; passwordHint: string }): string {
  const body = text(`We have sent a password reset code${o.destination ? ` to ${o.destination}` : ''}. Enter it below to reset your password.`)
    + postForm(f, '/confirmForgotPassword', ['username', 'code', 'password', 'confirmPassword'],
      hidden('username', o.username)
      + codeControl(f, 'code', 'Code')
      + control(f, { id: 'password', name: 'password', label: 'New password', type: 'password', required: true, autocomplete: 'new-password', hint: o.passwordHint })
      + control(f, { id: 'confirmPassword', name: 'confirmPassword', label: 'Enter new password again', type: 'password', required: true, autocomplete: 'new-password' })
      + submit('Change password'))
    + redirect(`Didn't receive a code? ${pageLink(f, '/forgotPassword', 'Send a new one')}`);
  return page(f, body);
}

type ErrorFrame = Omit<Frame, 'csrf' | 'carry'> & { csrf?: string; carry?: Record<string, string> };

/**
 * A page no form of which can go on: the heading (Cognito's is "An error was encountered with
 * the requested page.") and the message. With carried parameters, a link back to sign-in; a
 * route whose error is in those parameters (a wrong redirect_uri) passes none.
 */
export function errorPage(f: ErrorFrame, o: { heading: string; message: string }): string {
  const frame: Frame = { ...f, csrf: f.csrf ?? '', carry: f.carry ?? {} };
  let body = `<p class="errorMessage-customizable" role="alert">${escapeHtml(o.message)}</p>\n`;
  if (Object.keys(frame.carry).length) body += redirect(pageLink(frame, '/login', 'Back to sign in'));
  return page(frame, body, o.heading);
}

export function signedOutPage(f: Frame): string {
  let body = text('You have been signed out.');
  if (Object.keys(f.carry).length) body += redirect(pageLink(f, '/login', 'Sign in again'));
  return page(f, body);
}
