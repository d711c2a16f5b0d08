/**
 * The managed login pages' account steps: `/signup`, `/confirm` (and `/resendCode`),
 * `/forgotPassword` and `/confirmForgotPassword`, each through the API's operation of the same
 * name (run-operation.ts), so that triggers, delivery, limits and errors are the API's.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isCognitoError } from '../../errors/index.ts';
import type { Deps } from '../../services/deps.ts';
import { confirmForgotPasswordPage, confirmSignUpPage, forgotPasswordPage, signUpPage, type Field } from '../hosted-ui/views.ts';
import { formOf, queryOf } from './http.ts';
import { renderSignIn } from './login-pages.ts';
import { frameOf, pageRequest, paramsOf, sendErrorPage, sendPage, type PageRequest } from './page-context.ts';
import { fieldOf, passwordHint, usernameLabel } from './page-fields.ts';
import { runClientOperation, type Operations } from './run-operation.ts';

type Handler = (p: PageRequest, form: URLSearchParams, req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>;

/** The sign-up form's fields: the pool's required attributes, and what its users sign in with. */
function signUpFields(p: PageRequest): { usernameField: Field; fields: Field[] } {
  const by = p.pool.config.UsernameAttributes ?? [];
  const usernameField: Field = { name: 'username', label: usernameLabel(p.pool), type: by[0] === 'email' ? 'email' : by[0] === 'phone_number' && by.length === 1 ? 'tel' : 'text', required: true, autocomplete: 'username' };
  const required = (p.pool.config.SchemaAttributes ?? []).filter((a) => a.Required && a.Name !== 'sub' && !(by.length === 1 && a.Name === by[0])).map((a) => fieldOf(p.pool, a.Name!));
  const fields = required.length || by.length ? required : [{ ...fieldOf(p.pool, 'email'), required: false }];
  return { usernameField, fields };
}

const attributesOf = (form: URLSearchParams) =>
  [...form].flatMap(([k, v]) => {
    const m = /^requiredAttributes\[(.+)\]$/.exec(k);
    return m && v !== '' ? [{ Name: m[1]!, Value: v }] : [];
  });

const refused = (e: unknown): string => {
  if (isCognitoError(e) && e.type !== 'InternalErrorException') return e.message;
  throw e;
};

export function registerAccountPages(app: FastifyInstance, deps: Deps, operations: Operations): void {
  const get = (path: string, render: (p: PageRequest, q: Record<string, string | undefined>) => string) =>
    app.get(path, async (req, reply) => {
      let q;
      try {
        q = queryOf(req);
      } catch (e) {
        return sendErrorPage(reply, 'An error was encountered with the requested page.', (e as Error).message);
      }
      const p = await pageRequest(deps, req, reply, q);
      return p ? sendPage(reply, render(p, q)) : reply;
    });
  const post = (path: string, handle: Handler) =>
    app.post(path, async (req, reply) => {
      let form;
      try {
        form = formOf(req);
      } catch (e) {
        return sendErrorPage(reply, 'An error was encountered with the requested page.', (e as Error).message);
      }
      const p = await pageRequest(deps, req, reply, paramsOf(form), form);
      return p ? handle(p, form, req, reply) : reply;
    });
  const run = (req: FastifyRequest, p: PageRequest, name: string, input: Record<string, unknown>) => runClientOperation(deps, operations, req, p, name, input);

  get('/signup', (p) => signUpPage(frameOf(p, 'Sign up'), { ...signUpFields(p), passwordHint: passwordHint(p.pool) }));
  post('/signup', async (p, form, req, reply) => {
    const username = form.get('username') ?? '';
    try {
      const out = await run(req, p, 'SignUp', { Username: username, Password: form.get('password') ?? '', UserAttributes: attributesOf(form) });
      if (out.UserConfirmed) return renderSignIn(deps, reply, p, { username, info: 'Your account is ready. Sign in.' });
      const d = out.CodeDeliveryDetails as { Destination?: string; DeliveryMedium?: 'EMAIL' | 'SMS' } | undefined;
      return sendPage(reply, confirmSignUpPage(frameOf(p, 'Confirm your account'), { username, ...(d?.Destination ? { destination: d.Destination } : {}), ...(d?.DeliveryMedium ? { medium: d.DeliveryMedium } : {}) }));
    } catch (e) {
      const message = refused(e);
      const { usernameField, fields } = signUpFields(p);
      const values = Object.fromEntries(attributesOf(form).map((a) => [a.Name, a.Value]));
      return sendPage(reply, signUpPage(frameOf(p, 'Sign up', { error: message }), { usernameField: { ...usernameField, value: username }, fields: fields.map((f) => ({ ...f, ...(values[f.name] ? { value: values[f.name] } : {}) })), passwordHint: passwordHint(p.pool) }), 400);
    }
  });

  get('/confirm', (p, q) => confirmSignUpPage(frameOf(p, 'Confirm your account'), { username: q.username ?? '' }));
  post('/confirm', async (p, form, req, reply) => {
    const username = form.get('username') ?? '';
    try {
      await run(req, p, 'ConfirmSignUp', { Username: username, ConfirmationCode: form.get('confirmation_code') ?? '' });
      return renderSignIn(deps, reply, p, { username, info: 'Your account is confirmed. Sign in.' });
    } catch (e) {
      return sendPage(reply, confirmSignUpPage(frameOf(p, 'Confirm your account', { error: refused(e) }), { username }), 400);
    }
  });
  post('/resendCode', async (p, form, req, reply) => {
    const username = form.get('username') ?? '';
    try {
      const out = await run(req, p, 'ResendConfirmationCode', { Username: username });
      const d = out.CodeDeliveryDetails as { Destination?: string; DeliveryMedium?: 'EMAIL' | 'SMS' } | undefined;
      return sendPage(reply, confirmSignUpPage(frameOf(p, 'Confirm your account', { info: 'A new code is on its way.' }), { username, ...(d?.Destination ? { destination: d.Destination } : {}), ...(d?.DeliveryMedium ? { medium: d.DeliveryMedium } : {}) }));
    } catch (e) {
      return sendPage(reply, confirmSignUpPage(frameOf(p, 'Confirm your account', { error: refused(e) }), { username }), 400);
    }
  });

  get('/forgotPassword', (p, q) => forgotPasswordPage(frameOf(p, 'Forgot your password?'), q.username ? { username: q.username } : {}));
  post('/forgotPassword', async (p, form, req, reply) => {
    const username = form.get('username') ?? '';
    try {
      const out = await run(req, p, 'ForgotPassword', { Username: username });
      const d = out.CodeDeliveryDetails as { Destination?: string } | undefined;
      return sendPage(reply, confirmForgotPasswordPage(frameOf(p, 'Reset your password'), { username, ...(d?.Destination ? { destination: d.Destination } : {}), passwordHint: passwordHint(p.pool) }));
    } catch (e) {
      return sendPage(reply, forgotPasswordPage(frameOf(p, 'Forgot your password?', { error: refused(e) }), { username }), 400);
    }
  });
  post('/confirmForgotPassword', async (p, form, req, reply) => {
    const username = form.get('username') ?? '';
    const again = (error: string) => sendPage(reply, confirmForgotPasswordPage(frameOf(p, 'Reset your password', { error }), { username, passwordHint: passwordHint(p.pool) }), 400);
    if ((form.get('password') ?? '') !== form.get('confirmPassword')) return again('The passwords do not match.');
    try {
      await run(req, p, 'ConfirmForgotPassword', { Username: username, ConfirmationCode: form.get('code') ?? '', Password: form.get('password') ?? '' });
      return renderSignIn(deps, reply, p, { username, info: 'Your password is changed. Sign in with it.' });
    } catch (e) {
      return again(refused(e));
    }
  });
}
