/**
 * Who calls the token and revocation endpoints: the app client named by HTTP Basic
 * (`client_id:client_secret`, client_secret_basic) or by the form (`client_id`, and
 * `client_secret` for client_secret_post). A client with a secret must prove it; a client
 * without one names itself. Any failure is `invalid_client`: it does not tell which part was wrong.
 */
import type { ClientRecord } from '../../domain/client.ts';
import type { PoolRecord } from '../../domain/pool.ts';
import { invalidClient, oauthInvalidRequest, oauthMissing } from '../../errors/oauth.ts';
import { isClientSecret } from '../../services/directory/client-secrets.ts';
import type { Repositories } from '../../storage/store.ts';

export interface AuthenticatedClient {
  client: ClientRecord;
  pool: PoolRecord;
  /** It proved a secret (client_credentials needs one). */
  withSecret: boolean;
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  if (!header || !/^basic /i.test(header)) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const at = decoded.indexOf(':');
  if (at < 0) throw invalidClient(true);
  // RFC 6749 §2.3.1 form-encodes both before Base64; Cognito's ids and secrets have nothing to decode, so either reading agrees.
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  return { id: decode(decoded.slice(0, at)), secret: decode(decoded.slice(at + 1)) };
}

export async function authenticateClient(
  repos: Pick<Repositories, 'clients' | 'pools'>, form: URLSearchParams, authorization: string | undefined,
): Promise<AuthenticatedClient> {
  const basic = basicCredentials(authorization);
  const formId = form.get('client_id') ?? undefined;
  if (basic && formId !== undefined && formId !== basic.id) throw oauthInvalidRequest('client_id does not match the client authenticated');
  if (basic && form.has('client_secret')) throw oauthInvalidRequest('Use one client authentication method');
  const id = basic?.id ?? formId;
  if (!id) throw oauthMissing('client_id');
  const secret = basic?.secret ?? form.get('client_secret') ?? undefined;
  const client = id.length <= 128 ? await repos.clients.getById(id) : undefined;
  const pool = client && (await repos.pools.get(client.poolId));
  if (!client || !pool) throw invalidClient(!!basic);
  if (client.secret !== null) {
    if (secret === undefined || !isClientSecret(client, secret)) throw invalidClient(!!basic);
    return { client, pool, withSecret: true };
  }
  // A public client that sends a secret has none to match.
  if (secret !== undefined && secret !== '') throw invalidClient(!!basic);
  return { client, pool, withSecret: false };
}
