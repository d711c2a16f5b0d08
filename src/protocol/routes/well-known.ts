import type { FastifyInstance } from 'fastify';
import type { KeyRing } from '../../services/tokens/keys.ts';
import type { TokenService } from '../../services/tokens/tokens.ts';
import type { Store } from '../../storage/store.ts';

/** The pool's JWKS and OpenID discovery document, where Cognito publishes them. */
export function registerTokenRoutes(app: FastifyInstance, deps: { store: Store; keys: KeyRing; tokens: TokenService }): void {
  const pool = async (id: string) => (/^[\w-]+_[0-9a-zA-Z]+$/.test(id) ? deps.store.pools.get(id) : undefined);

  app.get<{ Params: { poolId: string } }>('/:poolId/.well-known/jwks.json', async (req, reply) => {
    if (!(await pool(req.params.poolId))) return reply.status(404).send({ message: `User pool ${req.params.poolId} does not exist.` });
    return reply.header('cache-control', 'public, max-age=300').send(await deps.keys.jwks(req.params.poolId));
  });

  app.get<{ Params: { poolId: string } }>('/:poolId/.well-known/openid-configuration', async (req, reply) => {
    const id = req.params.poolId;
    if (!(await pool(id))) return reply.status(404).send({ message: `User pool ${id} does not exist.` });
    const issuer = deps.tokens.issuer(id);
    // The endpoints are at the root of the server (Cognito: of the pool's domain), not under the issuer.
    const base = deps.tokens.endpointBase();
    return reply.header('cache-control', 'public, max-age=300').send({
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      authorization_endpoint: `${base}/oauth2/authorize`,
      token_endpoint: `${base}/oauth2/token`,
      userinfo_endpoint: `${base}/oauth2/userInfo`,
      end_session_endpoint: `${base}/logout`,
      revocation_endpoint: `${base}/oauth2/revoke`,
      response_types_supported: ['code', 'token'],
      grant_types_supported: ['authorization_code', 'implicit', 'refresh_token', 'client_credentials'],
      scopes_supported: ['openid', 'email', 'phone', 'profile'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      code_challenge_methods_supported: ['S256'],
    });
  });
}
