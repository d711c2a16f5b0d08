/** Which AuthFlows an app client lets callers start (its ExplicitAuthFlows). */
import type { ClientRecord } from '../domain/client.ts';
import { authMethodNotSupported, flowNotEnabled } from '../errors/index.ts';

type Allow = 'ALLOW_USER_SRP_AUTH' | 'ALLOW_USER_PASSWORD_AUTH' | 'ALLOW_ADMIN_USER_PASSWORD_AUTH' | 'ALLOW_CUSTOM_AUTH' | 'ALLOW_REFRESH_TOKEN_AUTH' | 'ALLOW_USER_AUTH';

/** The ALLOW_ value each AuthFlow needs. */
const NEEDS: Record<string, Allow> = {
  USER_SRP_AUTH: 'ALLOW_USER_SRP_AUTH',
  USER_PASSWORD_AUTH: 'ALLOW_USER_PASSWORD_AUTH',
  ADMIN_USER_PASSWORD_AUTH: 'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  ADMIN_NO_SRP_AUTH: 'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  CUSTOM_AUTH: 'ALLOW_CUSTOM_AUTH',
  REFRESH_TOKEN_AUTH: 'ALLOW_REFRESH_TOKEN_AUTH',
  REFRESH_TOKEN: 'ALLOW_REFRESH_TOKEN_AUTH',
  USER_AUTH: 'ALLOW_USER_AUTH',
};

/** The flows each API accepts at all; USER_AUTH (choice-based sign-in) through both, as the API reference lists it for each. */
const USER_FLOWS = new Set(['USER_SRP_AUTH', 'USER_PASSWORD_AUTH', 'CUSTOM_AUTH', 'REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN', 'USER_AUTH']);
const ADMIN_FLOWS = new Set(['USER_SRP_AUTH', 'ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH', 'CUSTOM_AUTH', 'REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN', 'USER_AUTH']);

/**
 * What a client allows. Unset: SRP, custom and refresh (AWS's default). The legacy names add to
 * SRP, custom and refresh, except CUSTOM_AUTH_FLOW_ONLY, which leaves custom and refresh only.
 */
export function allowedFlows(client: ClientRecord): Set<Allow> {
  const flows = client.config.ExplicitAuthFlows ?? [];
  if (flows.length === 0) return new Set(['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
  if (flows.some((f) => f.startsWith('ALLOW_'))) return new Set(flows.filter((f) => f.startsWith('ALLOW_')) as Allow[]);
  const out = new Set<Allow>(flows.includes('CUSTOM_AUTH_FLOW_ONLY') ? ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] : ['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
  if (flows.includes('USER_PASSWORD_AUTH')) out.add('ALLOW_USER_PASSWORD_AUTH');
  if (flows.includes('ADMIN_NO_SRP_AUTH')) out.add('ALLOW_ADMIN_USER_PASSWORD_AUTH');
  return out;
}

/** Refuses a flow this API does not take, or the client does not enable. */
export function checkFlow(client: ClientRecord, flow: string, admin: boolean): void {
  if (!(admin ? ADMIN_FLOWS : USER_FLOWS).has(flow)) throw authMethodNotSupported();
  if (!allowedFlows(client).has(NEEDS[flow])) throw flowNotEnabled(flow);
}
