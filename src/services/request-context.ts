import type { FastifyBaseLogger } from 'fastify';
import type { ClientRecord } from '../domain/client.ts';
import type { PoolRecord } from '../domain/pool.ts';
import type { UserRecord } from '../domain/user.ts';
import type { AccessClaims } from './tokens/verify.ts';

/** What an operation's request names, and so what the protocol layer resolves before it runs. */
export type Resolves = 'nothing' | 'pool' | 'client' | 'user';

/** A signed operation naming a user pool (UserPoolId): the pool, which exists. */
export interface PoolCaller {
  pool: PoolRecord;
}

/** An unsigned operation naming an app client (ClientId): the client and its pool, which exist. */
export interface ClientCaller {
  pool: PoolRecord;
  client: ClientRecord;
}

/**
 * An operation a signed-in user calls with an access token: the token verified (signature, expiry,
 * use, scope, revocation) and what it names, its pool, app client and user, still there and enabled.
 */
export interface SignedInUser {
  pool: PoolRecord;
  client: ClientRecord;
  user: UserRecord;
  claims: AccessClaims;
}

/** What the protocol layer knows of every request. */
export interface RequestInfo {
  requestId: string;
  /** The caller's address as the server sees it. */
  sourceIp: string;
  /** The caller's User-Agent (it names the SDK, for triggers' callerContext.awsSdkVersion). */
  userAgent?: string;
  log: FastifyBaseLogger;
}

/** The context of a request whose operation resolves `R`: the request, and who and what it names. */
export type RequestContext<R extends Resolves = Resolves> = RequestInfo &
  (R extends 'pool' ? PoolCaller : R extends 'client' ? ClientCaller : R extends 'user' ? SignedInUser : object);

/** What resolution found, whatever the operation: the pool (for quotas and rules) and, for a user, who. */
export type Resolved = Partial<SignedInUser>;
