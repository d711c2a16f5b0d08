/**
 * Issuing tokens at the end of a flow: the user's groups (and their IAM roles), reshaped by the
 * pool's PreTokenGeneration function (V1_0: ID token claims and groups; V2_0/V3_0: both tokens'
 * claims and the access token's scopes), then minted by the token service.
 */
import type { AuthenticationResultType } from '@aws-sdk/client-cognito-identity-provider';
import type { GroupRecord } from '../domain/group.ts';
import type { UserRecord } from '../domain/user.ts';
import type { Wire } from '../domain/wire.ts';
import { USER_ADMIN_SCOPE, type IssueInput } from '../services/tokens/issue.ts';
import { lambdaVersionOf, preTokenGenerationEvent, type GroupConfiguration, type LambdaRef, type PreTokenGenerationEvent, type PreTokenGenerationTriggerSource, type PreTokenGenerationVersion } from '../services/triggers/index.ts';
import { eventAttributes, eventHeader, type FlowContext } from './context.ts';

/** Claims a function may not add, change or remove: Cognito keeps them as it set them. */
const RESERVED = new Set([
  'acr', 'amr', 'aud', 'at_hash', 'auth_time', 'azp', 'client_id', 'cognito:username', 'device_key', 'event_id', 'exp', 'iat', 'identities',
  'iss', 'jti', 'nbf', 'nonce', 'origin_jti', 'scope', 'sub', 'token_use', 'username',
]);

async function groupsOf(fc: FlowContext, user: UserRecord): Promise<GroupRecord[]> {
  const out: GroupRecord[] = [];
  let after: string | undefined;
  do {
    const page = await fc.deps.store.groups.listForUser(fc.pool.id, user.sub, { limit: 60, after });
    out.push(...page.items);
    after = page.next;
  } while (after);
  return out;
}

/** The roles of a user's groups, and the preferred one: of the group with the lowest Precedence. */
function roles(groups: GroupRecord[]): { roles: string[]; preferred: string | null } {
  const withRole = groups.filter((g) => g.roleArn);
  const ranked = [...withRole].sort((a, b) => (a.precedence ?? Number.MAX_SAFE_INTEGER) - (b.precedence ?? Number.MAX_SAFE_INTEGER));
  return { roles: withRole.map((g) => g.roleArn!), preferred: ranked[0]?.roleArn ?? null };
}

export type Adjust = { add?: Record<string, unknown>; suppress?: string[] };

/** What a function's answer may change: every claim but the ones Cognito keeps as it set them. */
export function allowed(d: { claimsToAddOrOverride?: Record<string, unknown> | null; claimsToSuppress?: string[] | null } | null | undefined): Adjust {
  if (!d) return {};
  const add = Object.fromEntries(Object.entries(d.claimsToAddOrOverride ?? {}).filter(([k]) => !RESERVED.has(k)));
  return { add, suppress: (d.claimsToSuppress ?? []).filter((k) => !RESERVED.has(k)) };
}

export interface IssueOptions {
  source: PreTokenGenerationTriggerSource;
  authTime: number;
  withRefreshToken: boolean;
  originJti?: string;
  clientMetadata?: Record<string, string>;
  /** When the tokens count as issued (epoch ms), for a sign-out to compare with; by default now. */
  issuedAt?: number;
  /** The device the tokens are issued to (the access token's device_key; the refresh token is tied to it). */
  deviceKey?: string;
  /** The scopes granted at the OAuth 2.0 endpoints; the API's sign-ins get aws.cognito.signin.user.admin. */
  scopes?: string[];
  /** The authorize request's nonce, for the ID token. */
  nonce?: string;
}

export async function issueTokens(fc: FlowContext, user: UserRecord, o: IssueOptions): Promise<Wire<AuthenticationResultType>> {
  const groupRecords = await groupsOf(fc, user);
  const r = roles(groupRecords);
  let groups: GroupConfiguration = { groupsToOverride: groupRecords.map((g) => g.name), iamRolesToOverride: r.roles, preferredRole: r.preferred };
  let idClaims: Adjust = {};
  let accessClaims: Adjust & { scopes?: string[] } = {};
  let scopes = o.scopes ?? [USER_ADMIN_SCOPE];

  const lambda = fc.pool.config.LambdaConfig ?? {};
  const config = lambda.PreTokenGenerationConfig;
  const ref: LambdaRef | undefined = config?.LambdaArn ? { LambdaArn: config.LambdaArn, LambdaVersion: config.LambdaVersion } : lambda.PreTokenGeneration;
  if (ref) {
    const version = lambdaVersionOf(ref) as PreTokenGenerationVersion;
    const event: PreTokenGenerationEvent = preTokenGenerationEvent({
      ...eventHeader(fc, user.username), triggerSource: o.source, eventVersion: version, userAttributes: eventAttributes(user),
      groups: groups.groupsToOverride, iamRoles: groups.iamRolesToOverride, preferredRole: groups.preferredRole, scopes, clientMetadata: o.clientMetadata,
    });
    const answer = await fc.deps.triggers.invoke(ref, event);
    if (answer.version === '1') {
      const d = answer.response.claimsOverrideDetails;
      idClaims = allowed(d);
      if (d?.groupOverrideDetails) groups = { ...groups, ...d.groupOverrideDetails };
    } else {
      const d = answer.response.claimsAndScopeOverrideDetails;
      idClaims = allowed(d?.idTokenGeneration);
      const a = d?.accessTokenGeneration;
      accessClaims = allowed(a);
      const suppressed = new Set(a?.scopesToSuppress ?? []);
      scopes = [...new Set([...scopes, ...(a?.scopesToAdd ?? [])])].filter((s) => !suppressed.has(s));
      if (d?.groupOverrideDetails) groups = { ...groups, ...d.groupOverrideDetails };
    }
  }

  // As Cognito does, the ID token names the roles of the user's groups.
  const roleClaims: Record<string, unknown> = {};
  if (groups.iamRolesToOverride?.length) roleClaims['cognito:roles'] = groups.iamRolesToOverride;
  if (groups.preferredRole) roleClaims['cognito:preferred_role'] = groups.preferredRole;
  const input: IssueInput = {
    pool: fc.pool, client: fc.client, user, groups: groups.groupsToOverride ?? [], authTime: o.authTime, withRefreshToken: o.withRefreshToken,
    ...(o.originJti ? { originJti: o.originJti } : {}),
    ...(o.issuedAt !== undefined ? { issuedAt: o.issuedAt } : {}),
    ...(o.deviceKey !== undefined ? { deviceKey: o.deviceKey } : {}),
    ...(o.scopes ? { grantedScopes: o.scopes } : {}),
    idClaims: { add: { ...roleClaims, ...idClaims.add, ...(o.nonce !== undefined ? { nonce: o.nonce } : {}) }, suppress: idClaims.suppress },
    accessClaims: { ...accessClaims, scopes },
  };
  const t = await fc.deps.tokens.issue(input);
  return { AccessToken: t.AccessToken, ExpiresIn: t.ExpiresIn, TokenType: t.TokenType, ...(t.RefreshToken ? { RefreshToken: t.RefreshToken } : {}), IdToken: t.IdToken };
}
