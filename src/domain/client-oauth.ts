/**
 * An app client's OAuth 2.0 members, checked as AWS checks them on CreateUserPoolClient and
 * UpdateUserPoolClient. Pure: what needs the store (the pool's identity providers, resource
 * servers' scopes) is checked by services/directory/client-references.ts.
 */
import {
  callbackUrlsRequired,
  clientCredentialsAlone,
  clientCredentialsNeedSecret,
  defaultRedirectNotInCallbacks,
  invalidRedirectUrl,
  oauthClientNeedsFlowsAndScopes,
  oauthFlowsNeedOAuthClient,
  scopeDoesNotExist,
  scopeNotForClientCredentials,
} from '../errors/index.ts';

/** The members this module reads (a subset of ClientConfig, kept structural to avoid a cycle). */
export interface OAuthMembers {
  AllowedOAuthFlows?: string[];
  AllowedOAuthScopes?: string[];
  AllowedOAuthFlowsUserPoolClient?: boolean;
  CallbackURLs?: string[];
  LogoutURLs?: string[];
  DefaultRedirectURI?: string;
}

/** The scopes Cognito itself defines; every other scope names a resource server's. */
export const COGNITO_SCOPES: ReadonlySet<string> = new Set(['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin']);

/** Hosts a plain-http redirect may name: AWS allows http only for local testing (localhost; the loopback IP since 2025). */
const HTTP_HOSTS = new Set(['localhost', '127.0.0.1']);
/** Schemes a browser would run or read locally rather than hand to an app: never a place to send a code or tokens. */
const REFUSED_SCHEMES = new Set(['javascript:', 'data:', 'vbscript:', 'file:', 'blob:']);

/** A custom scope split at its last slash: resource server identifier (which may be a URL) and scope name. */
export function customScope(scope: string): { identifier: string; name: string } | undefined {
  const at = scope.lastIndexOf('/');
  if (at <= 0 || at === scope.length - 1) return undefined;
  return { identifier: scope.slice(0, at), name: scope.slice(at + 1) };
}

/** The client's scopes that belong to resource servers. */
export function customScopes(c: OAuthMembers): string[] {
  return (c.AllowedOAuthScopes ?? []).filter((s) => !COGNITO_SCOPES.has(s));
}

/** A redirect (callback or sign-out) URL AWS accepts: absolute, no fragment, https or http://localhost, or an app's own scheme. */
export function isValidRedirectUrl(url: string): boolean {
  if (url.includes('#')) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (REFUSED_SCHEMES.has(parsed.protocol)) return false;
  if (parsed.protocol === 'http:') return HTTP_HOSTS.has(parsed.hostname);
  if (parsed.protocol === 'https:') return parsed.hostname !== '';
  // myapp://callback or com.example.app:/callback: an app's scheme must still name something.
  return parsed.host !== '' || parsed.pathname.replace(/^\/+/, '') !== '';
}

function checkUrls(c: OAuthMembers): void {
  for (const [member, urls] of [['CallbackURLs', c.CallbackURLs], ['LogoutURLs', c.LogoutURLs], ['DefaultRedirectURI', c.DefaultRedirectURI === undefined ? [] : [c.DefaultRedirectURI]]] as const) {
    const bad = (urls ?? []).find((u) => !isValidRedirectUrl(u));
    if (bad !== undefined) throw invalidRedirectUrl(member, bad);
  }
}

function checkScopes(c: OAuthMembers, hasSecret: boolean): void {
  const bad = customScopes(c).find((s) => !customScope(s));
  if (bad !== undefined) throw scopeDoesNotExist(bad);
  const flows = c.AllowedOAuthFlows ?? [];
  if (!flows.includes('client_credentials')) return;
  // A machine-to-machine client acts for no user: no user-facing flow, a secret to prove itself, only API scopes.
  if (flows.some((f) => f !== 'client_credentials')) throw clientCredentialsAlone();
  if (!hasSecret) throw clientCredentialsNeedSecret();
  const userScope = (c.AllowedOAuthScopes ?? []).find((s) => COGNITO_SCOPES.has(s));
  if (userScope !== undefined) throw scopeNotForClientCredentials(userScope);
}

/** Every OAuth rule that needs only the client itself; `hasSecret` is the client's secret after the call. */
export function checkOAuth(c: OAuthMembers, hasSecret: boolean): void {
  if ((c.AllowedOAuthFlows?.length || c.AllowedOAuthScopes?.length) && !c.AllowedOAuthFlowsUserPoolClient) {
    throw oauthFlowsNeedOAuthClient();
  }
  if (c.AllowedOAuthFlowsUserPoolClient && !(c.AllowedOAuthFlows?.length && c.AllowedOAuthScopes?.length)) {
    throw oauthClientNeedsFlowsAndScopes();
  }
  checkScopes(c, hasSecret);
  if (c.AllowedOAuthFlows?.some((f) => f === 'code' || f === 'implicit') && !c.CallbackURLs?.length) {
    throw callbackUrlsRequired();
  }
  checkUrls(c);
  if (c.DefaultRedirectURI !== undefined && !(c.CallbackURLs ?? []).includes(c.DefaultRedirectURI)) {
    throw defaultRedirectNotInCallbacks();
  }
}
