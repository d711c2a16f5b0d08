/**
 * Row mapping shared by the store adapters: both keep the same columns, so a row from SQLite or
 * PostgreSQL becomes a record the same way (epoch milliseconds as numbers, documents as JSON text).
 */
import type { AuthSessionRecord } from '../../domain/auth-session.ts';
import type { ClientRecord, ClientSecret } from '../../domain/client.ts';
import type { ConsoleSessionRecord } from '../../domain/console-session.ts';
import type { DeviceRecord } from '../../domain/device.ts';
import type { CodePurpose, StoredCode } from '../../domain/code.ts';
import type { GroupRecord } from '../../domain/group.ts';
import type { IdentityProviderRecord, ProviderType } from '../../domain/identity-provider.ts';
import type { InvocationRecord } from '../../domain/invocation.ts';
import type { SigningKeyRecord } from '../../domain/keys.ts';
import type { MessageStatus, StoredMessage } from '../../domain/message.ts';
import type { PoolRecord } from '../../domain/pool.ts';
import type { RefreshTokenRecord } from '../../domain/token.ts';
import type { UserRecord } from '../../domain/user.ts';
import type { Page, PageRequest } from '../repositories/paging.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { parseShared } from './parsed-documents.ts';

export type Row = Record<string, unknown>;

/** A keyset page: `rows` were fetched with `limit + 1` to learn whether more follow. */
export function page<T>(rows: Row[], limit: number, map: (r: Row) => T): Page<T> {
  const more = rows.length > limit;
  const items = (more ? rows.slice(0, limit) : rows).map(map);
  return more ? { items, next: encodeCursor(rows[limit - 1].seq as number) } : { items };
}

export const afterSeq = (p: PageRequest) => (p.after === undefined ? 0 : decodeCursor(p.after));

export const buf = (v: unknown): Buffer => Buffer.from(v as Uint8Array);

const num = (v: unknown) => v as number;
const orNull = <T>(v: unknown) => (v as T | null) ?? null;

export function poolFromRow(r: Row): PoolRecord {
  return { id: r.id as string, name: r.name as string, createdAt: num(r.created_at), lastModifiedAt: num(r.last_modified_at), config: parseShared(`pool ${r.id}`, r.config as string) };
}

/** A client's `secrets` column: NULL while it holds at most the secret it was made with. */
export const secretsColumn = (c: ClientRecord): string | null => (c.secrets ? JSON.stringify(c.secrets) : null);

export function clientFromRow(r: Row): ClientRecord {
  return {
    poolId: r.pool_id as string,
    clientId: r.client_id as string,
    name: r.name as string,
    secret: orNull<string>(r.secret),
    ...(typeof r.secrets === 'string' ? { secrets: JSON.parse(r.secrets) as ClientSecret[] } : {}),
    createdAt: num(r.created_at),
    lastModifiedAt: num(r.last_modified_at),
    config: parseShared(`client ${r.pool_id} ${r.client_id}`, r.config as string),
  };
}

export function userFromRow(r: Row): UserRecord {
  return {
    poolId: r.pool_id as string,
    sub: r.sub as string,
    username: r.username as string,
    status: r.status as UserRecord['status'],
    // SQLite keeps 1/0, PostgreSQL a boolean.
    enabled: r.enabled === 1 || r.enabled === true,
    attributes: JSON.parse(r.attributes as string),
    pending: JSON.parse(r.pending as string),
    password: r.password ? JSON.parse(r.password as string) : null,
    settings: JSON.parse(r.settings as string),
    createdAt: num(r.created_at),
    lastModifiedAt: num(r.last_modified_at),
    version: num(r.version),
  };
}

export function groupFromRow(r: Row): GroupRecord {
  return {
    poolId: r.pool_id as string,
    name: r.name as string,
    description: orNull<string>(r.description),
    roleArn: orNull<string>(r.role_arn),
    precedence: orNull<number>(r.precedence),
    createdAt: num(r.created_at),
    lastModifiedAt: num(r.last_modified_at),
  };
}

export function codeFromRow(r: Row): StoredCode {
  return {
    poolId: r.pool_id as string,
    userId: r.user_id as string,
    purpose: r.purpose as StoredCode['purpose'],
    attribute: r.attribute as string,
    hmac: buf(r.hmac),
    keyId: r.key_id as string,
    createdAt: num(r.created_at),
    expiresAt: num(r.expires_at),
    // The column keeps its first name: it counted wrong answers, it now counts every answer checked.
    attempts: num(r.failed_attempts),
    consumedAt: orNull<number>(r.consumed_at),
    invalidatedAt: orNull<number>(r.invalidated_at),
  };
}

export function messageFromRow(r: Row): StoredMessage {
  const purpose = r.code_purpose as CodePurpose | null;
  return {
    id: r.id as string,
    poolId: r.pool_id as string,
    userId: r.user_id as string,
    username: r.username as string,
    medium: r.medium as StoredMessage['medium'],
    channel: r.channel as string,
    destination: r.destination as string,
    subject: orNull<string>(r.subject),
    body: r.body as string,
    from: orNull<string>(r.from_address),
    replyTo: orNull<string>(r.reply_to),
    code: orNull<string>(r.code),
    codeKey: purpose ? { poolId: r.pool_id as string, userId: r.user_id as string, purpose, attribute: r.code_attribute as string } : null,
    codeHmac: r.code_hmac ? buf(r.code_hmac) : null,
    status: r.status as MessageStatus,
    attempts: num(r.attempts),
    lastError: orNull<string>(r.last_error),
    nextAttemptAt: num(r.next_attempt_at),
    leaseUntil: orNull<number>(r.lease_until),
    createdAt: num(r.created_at),
    updatedAt: num(r.updated_at),
    sentAt: orNull<number>(r.sent_at),
  };
}

export function signingKeyFromRow(r: Row): SigningKeyRecord {
  return {
    poolId: r.pool_id as string,
    kid: r.kid as string,
    publicJwk: JSON.parse(r.public_jwk as string),
    privateKeyEnc: r.private_key_enc as string,
    createdAt: num(r.created_at),
    retiredAt: orNull<number>(r.retired_at),
  };
}

export function refreshFromRow(r: Row): RefreshTokenRecord {
  return {
    hash: r.hash as string,
    poolId: r.pool_id as string,
    clientId: r.client_id as string,
    sub: r.sub as string,
    originJti: r.origin_jti as string,
    authTime: num(r.auth_time),
    createdAt: num(r.created_at),
    expiresAt: num(r.expires_at),
    revokedAt: orNull<number>(r.revoked_at),
    ...(r.device_key ? { deviceKey: r.device_key as string } : {}),
    ...(typeof r.scopes === 'string' ? { scopes: r.scopes.split(' ').filter(Boolean) } : {}),
  };
}

export function deviceFromRow(r: Row): DeviceRecord {
  return {
    poolId: r.pool_id as string,
    sub: r.sub as string,
    key: r.device_key as string,
    groupKey: r.group_key as string,
    verifier: r.verifier as string,
    salt: r.salt as string,
    name: orNull<string>(r.name),
    status: r.status as DeviceRecord['status'],
    lastIp: orNull<string>(r.last_ip),
    createdAt: num(r.created_at),
    lastModifiedAt: num(r.last_modified_at),
    lastAuthenticatedAt: num(r.last_authenticated_at),
  };
}

export function invocationFromRow(r: Row): InvocationRecord {
  return {
    id: r.id as string,
    userPoolId: r.pool_id as string,
    triggerSource: r.trigger_source as string,
    functionArn: r.function_arn as string,
    invoker: r.invoker as InvocationRecord['invoker'],
    startedAt: num(r.started_at),
    durationMs: num(r.duration_ms),
    outcome: r.outcome as InvocationRecord['outcome'],
    ...(r.error ? { error: r.error as string } : {}),
  };
}

export function sessionFromRow(r: Row): AuthSessionRecord {
  return {
    hash: r.hash as string,
    poolId: r.pool_id as string,
    clientId: r.client_id as string,
    sub: r.sub as string,
    challenge: r.challenge as string,
    state: JSON.parse(r.state as string),
    createdAt: num(r.created_at),
    expiresAt: num(r.expires_at),
  };
}

export function consoleSessionFromRow(r: Row): ConsoleSessionRecord {
  return { hash: r.hash as string, accessKeyId: r.access_key_id as string, createdAt: num(r.created_at), expiresAt: num(r.expires_at) };
}

/** The statuses a count by status starts from. */
export const noMessages = (): Record<MessageStatus, number> => ({ queued: 0, sending: 0, sent: 0, failed: 0, abandoned: 0 });

export function identityProviderFromRow(r: Row): IdentityProviderRecord {
  return {
    poolId: r.pool_id as string,
    name: r.name as string,
    type: r.type as ProviderType,
    details: JSON.parse(r.details as string) as Record<string, string>,
    attributeMapping: JSON.parse(r.attribute_mapping as string) as Record<string, string>,
    identifiers: JSON.parse(r.identifiers as string) as string[],
    createdAt: num(r.created_at),
    lastModifiedAt: num(r.last_modified_at),
  };
}
