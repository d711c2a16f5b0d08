/**
 * An upstream OIDC provider for the federation tests: oidc-provider on a loopback port with one
 * confidential client, accounts the test defines, and an interaction route that signs in (or
 * refuses) whoever the test names next, without a form, or (`loginForm`) a sign-in page of its own
 * for a real browser to fill. `follow` drives a browser's redirects with fetch and a cookie jar
 * until the provider sends it back to the redirect URI.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface Upstream {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Claims by account id; the test may change them between sign-ins. */
  accounts: Map<string, Record<string, unknown>>;
  /** Who the next interaction signs in; `{ refuse: 'access_denied' }` makes the provider refuse instead. */
  next: { accountId?: string; refuse?: string };
  /** Follows the browser from `url` to the redirect URI; returns the URL it came back to. */
  follow(url: string): Promise<URL>;
  close(): Promise<void>;
}

/** The upstream's own sign-in page: an account id and a button, posted back to the interaction. */
const loginPage = (uid: string) => `<!doctype html><meta charset="utf-8"><title>Upstream sign-in</title>
<h1>Sign in to the upstream</h1>
<form method="post" action="/interaction/${uid}"><label for="account">Account</label><input id="account" name="account"><button type="submit">Continue</button></form>`;

async function formAccount(req: IncomingMessage): Promise<string | undefined> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body).get('account') ?? undefined;
}

export async function startUpstream(redirectUri = 'https://auth.example.com/oauth2/idpresponse', options: { loginForm?: boolean } = {}): Promise<Upstream> {
  const accounts = new Map<string, Record<string, unknown>>();
  const next: Upstream['next'] = {};
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'cognate';
  const clientSecret = 'upstream-secret-of-the-test-client';
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
    findAccount: (_ctx, id) => (accounts.has(id) ? { accountId: id, claims: () => ({ sub: id, ...accounts.get(id) }) } : undefined),
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'given_name', 'family_name'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['a-cookie-key-for-the-test-upstream'] },
    pkce: { required: () => true },
    // Set, so that oidc-provider does not print a notice for each default it uses.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
  });
  const callback = provider.callback();
  server.on('request', (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return void callback(req, res);
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      if (next.refuse) return provider.interactionFinished(req, res, { error: next.refuse, error_description: 'the test refused' }, { mergeWithLastSubmission: false });
      if (details.prompt.name === 'login' && options.loginForm) {
        if (req.method !== 'POST') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(details.uid));
        const accountId = await formAccount(req);
        if (!accountId || !accounts.has(accountId)) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(details.uid));
        return provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
      }
      if (details.prompt.name === 'login') return provider.interactionFinished(req, res, { login: { accountId: next.accountId! } }, { mergeWithLastSubmission: false });
      const grant = new provider.Grant({ accountId: details.session!.accountId, clientId });
      grant.addOIDCScope(String(details.params.scope));
      return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
    })().catch((e: unknown) => {
      res.statusCode = 500;
      res.end(String(e));
    });
  });

  async function follow(start: string): Promise<URL> {
    const jar = new Map<string, string>();
    let url = start;
    for (let hop = 0; hop < 20; hop++) {
      if (url.startsWith(redirectUri)) return new URL(url);
      const res = await fetch(url, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const eq = pair.indexOf('=');
        jar.set(pair.slice(0, eq), pair.slice(eq + 1));
      }
      const location = res.headers.get('location');
      if (!location) throw new Error(`the upstream stopped at ${url} with ${res.status}: ${(await res.text()).slice(0, 300)}`);
      url = new URL(location, url).href;
    }
    throw new Error('too many redirects');
  }

  return {
    issuer, clientId, clientSecret, redirectUri, accounts, next, follow,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
