/**
 * The OAuth 2.0 endpoints' errors (`/oauth2/token`, `/oauth2/revoke`, `/oauth2/userInfo`,
 * `/oauth2/authorize`): RFC 6749's `error` codes, which Cognito's endpoints answer as JSON
 * (`{"error":"invalid_grant"}`) or as query parameters of a redirect, never as awsJson errors.
 * Kept out of the catalogue (index.ts), whose constructors all make CognitoErrors. Cognito sends an `error_description` only in a few cases; the ones here are Cognito's where known.
 */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'unsupported_token_type'
  | 'invalid_scope'
  | 'invalid_token'
  | 'access_denied'
  | 'login_required'
  | 'server_error';

export class OAuthError extends Error {
  readonly error: OAuthErrorCode;
  readonly description: string | undefined;
  readonly status: number;
  constructor(error: OAuthErrorCode, description: string | undefined, status: number) {
    super(description ?? error);
    this.error = error;
    this.description = description;
    this.status = status;
  }
}

export const isOAuthError = (e: unknown): e is OAuthError => e instanceof OAuthError;

const bad = (error: OAuthErrorCode, description?: string) => new OAuthError(error, description, 400);

export const oauthMissing = (parameter: string) => bad('invalid_request', `Missing required parameter ${parameter}`);
export const oauthInvalidRequest = (description: string) => bad('invalid_request', description);
/** The client could not be authenticated: unknown, wrong secret, or a secret missing (RFC 6749 §5.2: 401 with Basic). */
export const invalidClient = (basic: boolean) => new OAuthError('invalid_client', undefined, basic ? 401 : 400);
/** A code or refresh token that is unknown, used, expired, revoked, another client's; a redirect_uri or PKCE verifier that does not match. */
export const invalidGrant = (description?: string) => bad('invalid_grant', description);
/** Cognito's words for a client whose AllowedOAuthFlowsUserPoolClient is off or lacks the flow. */
export const unauthorizedClient = (description = 'Client is not enabled for OAuth2.0 flows.') => bad('unauthorized_client', description);
export const unsupportedGrantType = () => bad('unsupported_grant_type');
export const unsupportedResponseType = () => bad('unsupported_response_type');
export const unsupportedTokenType = () => bad('unsupported_token_type');
export const invalidScope = () => bad('invalid_scope');
/** userInfo with a token that is missing, malformed, expired, revoked or lacks the openid scope: 401 (RFC 6750 §3.1). */
export const invalidAccessToken = (description = 'Access token is missing or invalid') => new OAuthError('invalid_token', description, 401);
/** The pool's protection rules (403, as a WAF answers) or request-rate quota refused the request, said in the endpoints' JSON. */
export const refusedByPool = (message: string, status: number) => new OAuthError('invalid_request', message, status);

/** prompt=none without a managed login session (OIDC Core §3.1.2.6). */
export const loginRequired = () => bad('login_required');
export const oauthAccessDenied = (description?: string) => bad('access_denied', description);

/**
 * An authorize request that cannot be sent back to the client (its client_id or redirect_uri is
 * not one Cognate may redirect to): Cognito shows its error page instead, e.g. `redirect_mismatch`.
 */
export class LoginPageError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

export const isLoginPageError = (e: unknown): e is LoginPageError => e instanceof LoginPageError;
export const unknownOAuthClient = () => new LoginPageError('invalid_request', 'The client_id is missing, or names no app client.');
export const redirectMismatch = () => new LoginPageError('redirect_mismatch', 'The redirect_uri is not one of the app client\'s callback URLs.');
export const logoutMismatch = () => new LoginPageError('invalid_request', 'The logout_uri is not one of the app client\'s sign-out URLs.');
export const domainOfAnotherPool = () => new LoginPageError('invalid_request', 'The app client does not belong to the user pool of this domain.');
export const oauthNotEnabled = () => new LoginPageError('unauthorized_client', 'Client is not enabled for OAuth2.0 flows.');
export const loginExpired = () => new LoginPageError('invalid_request', 'This sign-in page has expired. Start again from the app.');
