import type { CreateUserPoolClientRequest, UpdateUserPoolClientRequest, UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider';
import { invalidClientAttributes, invalidTokenValidityRange, mixedAuthFlows } from '../errors/index.ts';
import { checkOAuth } from './client-oauth.ts';
import type { SchemaAttribute } from './schema.ts';
import { compact, epochSeconds, type Wire } from './wire.ts';

/** An app client as the store keeps it. */
export interface ClientRecord {
  poolId: string;
  clientId: string;
  name: string;
  /** The app client secret, when it has one (the first of `secrets`). Returned by DescribeUserPoolClient, so kept as is. */
  secret: string | null;
  /**
   * Every secret the client holds, oldest first (AddUserPoolClientSecret adds a second, for a
   * rotation). Absent when the client holds at most the one it was made with: `secret`, made with it.
   */
  secrets?: ClientSecret[];
  createdAt: number;
  lastModifiedAt: number;
  config: ClientConfig;
}

/** One of a client's secrets, and when it was made (epoch milliseconds); its id is `<client id>--<createdAt>`. */
export interface ClientSecret {
  value: string;
  createdAt: number;
}

export type UserPoolClient = Wire<UserPoolClientType>;

/** What the store keeps for a client beyond its ids, name, secret and dates. */
export type ClientConfig = Omit<UserPoolClient, 'UserPoolId' | 'ClientName' | 'ClientId' | 'ClientSecret' | 'CreationDate' | 'LastModifiedDate'>;

type Settable = Omit<UpdateUserPoolClientRequest, 'UserPoolId' | 'ClientId' | 'ClientName'>;

const UNIT_MINUTES = { seconds: 1 / 60, minutes: 1, hours: 60, days: 1440 } as const;
const LEGACY_FLOWS = new Set(['ADMIN_NO_SRP_AUTH', 'CUSTOM_AUTH_FLOW_ONLY', 'USER_PASSWORD_AUTH']);

/** Token lifetimes in minutes, as the client's validities and units say (defaults: 1 h, 1 h, 30 days). */
export function tokenValidityMinutes(c: ClientConfig) {
  const u = c.TokenValidityUnits ?? {};
  return {
    access: (c.AccessTokenValidity ?? 1) * UNIT_MINUTES[(u.AccessToken ?? 'hours') as keyof typeof UNIT_MINUTES],
    id: (c.IdTokenValidity ?? 1) * UNIT_MINUTES[(u.IdToken ?? 'hours') as keyof typeof UNIT_MINUTES],
    refresh: (c.RefreshTokenValidity ?? 30) * UNIT_MINUTES[(u.RefreshToken ?? 'days') as keyof typeof UNIT_MINUTES],
  };
}

function checkValidity(c: ClientConfig): void {
  const m = tokenValidityMinutes(c);
  const inRange = (v: number, lo: number, hi: number) => v >= lo && v <= hi;
  if (!inRange(m.access, 5, 1440) || !inRange(m.id, 5, 1440) || !inRange(m.refresh, 60, 3650 * 1440) || m.access > m.refresh || m.id > m.refresh) {
    throw invalidTokenValidityRange();
  }
}

/** Read/WriteAttributes may name the pool's schema attributes, less developer-only ones. */
function checkAttributes(names: string[] | undefined, schema: SchemaAttribute[], kind: 'read' | 'write', verb: 'creating' | 'updating'): void {
  if (!names) return;
  const known = new Map(schema.filter((a) => !a.DeveloperOnlyAttribute).map((a) => [a.Name!, a]));
  // sub is never written by anyone; immutable attributes stay writable because SignUp sets them.
  const ok = names.every((n) => known.has(n) && (kind === 'read' || n !== 'sub'));
  if (!ok) throw invalidClientAttributes(kind, verb);
}

function checkFlows(flows: string[] | undefined): void {
  if (!flows?.length) return;
  const legacy = flows.some((f) => LEGACY_FLOWS.has(f));
  const current = flows.some((f) => f.startsWith('ALLOW_'));
  if (legacy && current) throw mixedAuthFlows();
}

/** Every member the input may set, each at its default when left out (UpdateUserPoolClient replaces, never merges). */
function settable(input: Settable): ClientConfig {
  return compact({
    RefreshTokenValidity: input.RefreshTokenValidity ?? 30,
    AccessTokenValidity: input.AccessTokenValidity,
    IdTokenValidity: input.IdTokenValidity,
    TokenValidityUnits: { ...input.TokenValidityUnits },
    ReadAttributes: input.ReadAttributes,
    WriteAttributes: input.WriteAttributes,
    ExplicitAuthFlows: input.ExplicitAuthFlows,
    SupportedIdentityProviders: input.SupportedIdentityProviders,
    CallbackURLs: input.CallbackURLs,
    LogoutURLs: input.LogoutURLs,
    DefaultRedirectURI: input.DefaultRedirectURI,
    AllowedOAuthFlows: input.AllowedOAuthFlows,
    AllowedOAuthScopes: input.AllowedOAuthScopes,
    AllowedOAuthFlowsUserPoolClient: input.AllowedOAuthFlowsUserPoolClient ?? false,
    AnalyticsConfiguration: input.AnalyticsConfiguration,
    PreventUserExistenceErrors: input.PreventUserExistenceErrors,
    EnableTokenRevocation: input.EnableTokenRevocation ?? true,
    EnablePropagateAdditionalUserContextData: input.EnablePropagateAdditionalUserContextData ?? false,
    AuthSessionValidity: input.AuthSessionValidity ?? 3,
    RefreshTokenRotation: input.RefreshTokenRotation,
  });
}

export function clientConfig(
  input: CreateUserPoolClientRequest | UpdateUserPoolClientRequest,
  schema: SchemaAttribute[],
  verb: 'creating' | 'updating',
  /** Whether the client has a secret once this call is done (client_credentials needs one). */
  hasSecret: boolean,
): ClientConfig {
  const c = settable(input);
  checkValidity(c);
  checkAttributes(c.ReadAttributes, schema, 'read', verb);
  checkAttributes(c.WriteAttributes, schema, 'write', verb);
  checkFlows(c.ExplicitAuthFlows);
  checkOAuth(c, hasSecret);
  return c;
}

export function describeClient(c: ClientRecord): UserPoolClient {
  return compact({
    UserPoolId: c.poolId,
    ClientName: c.name,
    ClientId: c.clientId,
    ClientSecret: c.secret ?? undefined,
    LastModifiedDate: epochSeconds(c.lastModifiedAt),
    CreationDate: epochSeconds(c.createdAt),
    ...c.config,
  });
}
