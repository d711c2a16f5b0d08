import type { ResourceServerType } from '@aws-sdk/client-cognito-identity-provider';
import type { Wire } from './wire.ts';

export interface ResourceScope {
  ScopeName: string;
  ScopeDescription: string;
}

/**
 * A pool's resource server: an API (the identifier, usually its URL) and the custom scopes an app
 * client may ask for, each `identifier/scope` in an access token.
 */
export interface ResourceServerRecord {
  poolId: string;
  identifier: string;
  name: string;
  scopes: ResourceScope[];
  createdAt: number;
}

/** The full names of a server's scopes, as tokens and AllowedOAuthScopes write them. */
export const fullScopeNames = (r: ResourceServerRecord) => r.scopes.map((s) => `${r.identifier}/${s.ScopeName}`);

export function describeResourceServer(r: ResourceServerRecord): Wire<ResourceServerType> {
  return {
    UserPoolId: r.poolId,
    Identifier: r.identifier,
    Name: r.name,
    Scopes: r.scopes.map((s) => ({ ScopeName: s.ScopeName, ScopeDescription: s.ScopeDescription })),
  };
}

/** AWS's quota of resource servers in a user pool (Cognito quotas: "Resource servers per user pool", 25). */
export const RESOURCE_SERVERS_PER_POOL = 25;
