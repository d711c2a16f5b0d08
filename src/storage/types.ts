/**
 * Repository interfaces. Operations see only these; each store adapter (SQLite, PostgreSQL)
 * implements them and passes the same contract suite (contract.ts).
 * Documents (`config`) are opaque JSON to the store: the domain owns their shape.
 */
import type { PoolConfig } from '../domain/pool.ts';
import type { ClientConfig } from '../domain/client.ts';
import type { InvocationRecorder } from '../triggers/recorder.ts';

export interface PoolRecord {
  id: string;
  name: string;
  /** Epoch milliseconds. */
  createdAt: number;
  lastModifiedAt: number;
  config: PoolConfig;
}

export interface ClientRecord {
  poolId: string;
  clientId: string;
  name: string;
  /** The app client secret, when it has one. Returned by DescribeUserPoolClient, so kept as is. */
  secret: string | null;
  createdAt: number;
  lastModifiedAt: number;
  config: ClientConfig;
}

export interface Page<T> {
  items: T[];
  /** Opaque position after the last item; absent on the last page. */
  next?: string;
}

export interface PageRequest {
  limit: number;
  /** A `next` from an earlier page of the same listing. */
  after?: string;
}

export interface PoolRepository {
  /** Fails with StoreConflict if the id exists. */
  create(pool: PoolRecord): Promise<void>;
  get(id: string): Promise<PoolRecord | undefined>;
  /** Replaces the stored record; false when the pool does not exist. */
  update(pool: PoolRecord): Promise<boolean>;
  /** Deletes the pool and everything in it; false when it did not exist. */
  delete(id: string): Promise<boolean>;
  /** In creation order. */
  list(page: PageRequest): Promise<Page<PoolRecord>>;
  count(): Promise<number>;
}

export interface ClientRepository {
  create(client: ClientRecord): Promise<void>;
  get(poolId: string, clientId: string): Promise<ClientRecord | undefined>;
  /** By client id alone (the operations a user calls name only the client). */
  getById(clientId: string): Promise<ClientRecord | undefined>;
  update(client: ClientRecord): Promise<boolean>;
  delete(poolId: string, clientId: string): Promise<boolean>;
  /** A pool's clients in creation order. */
  list(poolId: string, page: PageRequest): Promise<Page<ClientRecord>>;
  count(poolId: string): Promise<number>;
}

/** What a one-time code is for; with the attribute, it names the code a user holds. */
export type CodePurpose = 'attribute-verification' | 'sign-up' | 'forgot-password' | 'invitation' | 'mfa';

export interface CodeKey {
  poolId: string;
  /** The user's sub. */
  userId: string;
  purpose: CodePurpose;
  /** The attribute verified (`email`, `phone_number`); '' when the purpose has none. */
  attribute: string;
}

export interface StoredCode extends CodeKey {
  /** HMAC-SHA256 of the code under the secret `keyId`: the code itself is never stored. */
  hmac: Buffer;
  keyId: string;
  createdAt: number;
  expiresAt: number;
  failedAttempts: number;
  consumedAt: number | null;
  /** Set when the message carrying the code could not be delivered. */
  invalidatedAt: number | null;
}

export interface CodeRepository {
  /** Stores a code, replacing any earlier one with the same key. */
  put(code: StoredCode): Promise<void>;
  get(key: CodeKey): Promise<StoredCode | undefined>;
  /**
   * Counts a wrong answer against the code whose HMAC is `hmac` (not against a newer one that
   * replaced it); returns the new count, or undefined when that code is gone or already used.
   */
  recordFailure(key: CodeKey, hmac: Buffer): Promise<number | undefined>;
  /**
   * Atomically marks the code used, if it is still that code, unused, not invalidated, not
   * expired at `now` and has fewer than `maxFailures` wrong answers. True for exactly one caller.
   */
  consume(key: CodeKey, hmac: Buffer, now: number, maxFailures: number): Promise<boolean>;
  /** Invalidates the code if it is still the one with `hmac`. */
  invalidate(key: CodeKey, hmac: Buffer, now: number): Promise<void>;
  /** Removes codes that expired before `before`; returns how many. */
  purgeExpired(before: number): Promise<number>;
}

export interface ServerSecret {
  id: string;
  secret: Buffer;
  createdAt: number;
}

export interface SecretRepository {
  /** The secrets kept for `purpose`, newest first. */
  list(purpose: string): Promise<ServerSecret[]>;
  /** Stores `secret` unless one with its id exists (two instances starting together keep one). */
  addIfAbsent(purpose: string, secret: ServerSecret): Promise<void>;
}

export type MessageStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'abandoned';

export interface StoredMessage {
  /** Given by the store (enqueue): a UUID version 7 (message-ids.ts). */
  id: string;
  poolId: string;
  userId: string;
  username: string;
  medium: 'email' | 'sms';
  /** The configured channel that delivers it ("capture", "smtp-main", ...). */
  channel: string;
  destination: string;
  subject: string | null;
  body: string;
  from: string | null;
  replyTo: string | null;
  /** The code it carries, kept in clear only in development mode, for the inbox. */
  code: string | null;
  /** The code it carries, by key and HMAC, so a failed delivery invalidates that code and no newer one. */
  codeKey: CodeKey | null;
  codeHmac: Buffer | null;
  status: MessageStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: number;
  leaseUntil: number | null;
  createdAt: number;
  updatedAt: number;
  sentAt: number | null;
}

export interface MessageFilter {
  poolId?: string;
  username?: string;
  destination?: string;
  medium?: 'email' | 'sms';
  /** Epoch ms: only messages created at or after it. */
  since?: number;
  limit: number;
}

/** A message before the store has given it its id. */
export type NewMessage = Omit<StoredMessage, 'id'>;

export interface MessageRepository {
  /** Stores a message and returns the id it gave it. */
  enqueue(message: NewMessage): Promise<string>;
  get(id: string): Promise<StoredMessage | undefined>;
  /**
   * Takes messages for sending: the one named by `id` (if queued, whatever its due time, or
   * sending with an expired lease), or up to `limit` that are due (queued and
   * `nextAttemptAt <= now`, or sending with an expired lease). Each is set to sending with
   * a lease until `now + leaseMs` and its attempt counted; a message is handed to one caller only.
   */
  claim(options: { id?: string; now: number; leaseMs: number; limit: number }): Promise<StoredMessage[]>;
  /** Records the outcome of an attempt; `scrub` replaces the body (production drops codes once final). */
  finish(id: string, outcome: { status: 'sent' | 'failed' | 'abandoned' | 'queued'; now: number; error?: string; nextAttemptAt?: number; scrubbedBody?: string }): Promise<void>;
  /** Newest first. */
  list(filter: MessageFilter): Promise<StoredMessage[]>;
  countByStatus(): Promise<Record<MessageStatus, number>>;
  /** When the next queued message falls due, if any. */
  nextDueAt(): Promise<number | undefined>;
  /** Removes final messages (sent, failed, abandoned) last changed before `before`; queued and sending ones stay. Returns how many. */
  purgeFinished(before: number): Promise<number>;
}

export interface QuotaRepository {
  /** Adds one to (key, period) if that stays within `limit`; false when the limit is reached. */
  take(key: string, period: string, limit: number): Promise<boolean>;
  /**
   * Takes one token from the bucket `key` (refilled at `perSecond`, holding at most `burst`) in
   * one atomic statement; false when it is empty. Shared by every instance on the database.
   */
  takeToken(key: string, perSecond: number, burst: number, now: number): Promise<boolean>;
  /** Removes counters of periods before `period` (compared as text: ISO dates and hours). */
  purgeBefore(period: string): Promise<number>;
}

export type UserStatus = 'UNCONFIRMED' | 'CONFIRMED' | 'FORCE_CHANGE_PASSWORD' | 'RESET_REQUIRED' | 'EXTERNAL_PROVIDER' | 'ARCHIVED' | 'COMPROMISED' | 'UNKNOWN';

export interface StoredPassword {
  /** `scrypt$N$r$p$salt$hash`: a slow hash; the password itself is never stored. */
  hash: string;
  /** SRP salt and verifier (hex), for USER_SRP_AUTH. */
  srpSalt: string;
  srpVerifier: string;
  setAt: number;
  /** A temporary password (AdminCreateUser) stops working at this time. */
  expiresAt: number | null;
}

export interface UserRecord {
  poolId: string;
  /** The user's sub: a UUID, immutable. */
  sub: string;
  /** The user's Username as created (the sub itself in pools that sign in with email or phone). */
  username: string;
  status: UserStatus;
  enabled: boolean;
  /** Every attribute, `sub` and the `_verified` flags included, as strings. */
  attributes: Record<string, string>;
  /** New values awaiting verification (UserAttributeUpdateSettings). */
  pending: Record<string, string>;
  password: StoredPassword | null;
  /** MFA and other per-user settings, owned by the operations that use them. */
  settings: Record<string, unknown>;
  createdAt: number;
  lastModifiedAt: number;
  /** Bumped by every update; an update names the version it read (optimistic concurrency). */
  version: number;
}

/**
 * What a user is found by, derived by the domain on every write: the normalized username,
 * the sign-in aliases it holds (unique in the pool), and the values ListUsers may filter on.
 */
export interface UserKeys {
  usernameKey: string;
  aliases: { kind: string; key: string }[];
  search: { attr: string; value: string }[];
}

/** A username or alias another user holds. */
export class UserKeyConflict extends Error {
  readonly kind: string;
  constructor(kind: string) {
    super(`${kind} is taken`);
    this.kind = kind;
  }
}

export interface UserFilter {
  attr: string;
  op: '=' | '^=';
  value: string;
}

export interface UserRepository {
  /** Throws UserKeyConflict('username' | alias kind) when a key is taken. */
  create(user: UserRecord, keys: UserKeys): Promise<void>;
  get(poolId: string, sub: string): Promise<UserRecord | undefined>;
  getByUsername(poolId: string, usernameKey: string): Promise<UserRecord | undefined>;
  getByAlias(poolId: string, kind: string, key: string): Promise<UserRecord | undefined>;
  /**
   * Replaces the user if it is still at `user.version` (then stored as version + 1); false
   * when another write came first. Throws UserKeyConflict when a new alias is taken.
   */
  update(user: UserRecord, keys: UserKeys): Promise<boolean>;
  /** Deletes the user with its aliases, group memberships and codes. */
  delete(poolId: string, sub: string): Promise<boolean>;
  /** In creation order, or by the filtered value then creation when filtered; an index, not a scan. */
  list(poolId: string, filter: UserFilter | undefined, page: PageRequest): Promise<Page<UserRecord>>;
  count(poolId: string): Promise<number>;
}

export interface GroupRecord {
  poolId: string;
  name: string;
  description: string | null;
  roleArn: string | null;
  precedence: number | null;
  createdAt: number;
  lastModifiedAt: number;
}

export interface GroupRepository {
  /** Fails with StoreConflict when the name exists. */
  create(group: GroupRecord): Promise<void>;
  get(poolId: string, name: string): Promise<GroupRecord | undefined>;
  update(group: GroupRecord): Promise<boolean>;
  /** Deletes the group and its memberships. */
  delete(poolId: string, name: string): Promise<boolean>;
  list(poolId: string, page: PageRequest): Promise<Page<GroupRecord>>;
  /** Idempotent. */
  addMember(poolId: string, name: string, sub: string): Promise<void>;
  removeMember(poolId: string, name: string, sub: string): Promise<void>;
  /** A user's groups in name order. */
  listForUser(poolId: string, sub: string, page: PageRequest): Promise<Page<GroupRecord>>;
  /** A group's members (subs) in the order they joined. */
  listMembers(poolId: string, name: string, page: PageRequest): Promise<Page<string>>;
}

export interface SigningKeyRecord {
  poolId: string;
  kid: string;
  /** The public key as a JWK (published in the pool's JWKS). */
  publicJwk: Record<string, unknown>;
  /** The private key, encrypted under the server's master key. */
  privateKeyEnc: string;
  createdAt: number;
  /** No longer signs from then on; stays published until its last token has expired. */
  retiredAt: number | null;
}

export interface SigningKeyRepository {
  add(key: SigningKeyRecord): Promise<void>;
  /** A pool's keys, newest first. */
  list(poolId: string): Promise<SigningKeyRecord[]>;
  retire(poolId: string, kid: string, at: number): Promise<void>;
  /** Removes keys retired before `before`. */
  purgeRetired(poolId: string, before: number): Promise<number>;
}

export interface RefreshTokenRecord {
  /** SHA-256 of the token: the token itself is never stored. */
  hash: string;
  poolId: string;
  clientId: string;
  sub: string;
  /** The origin_jti shared by the access and ID tokens issued with it. */
  originJti: string;
  authTime: number;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

export interface TokenRepository {
  putRefresh(token: RefreshTokenRecord): Promise<void>;
  getRefresh(hash: string): Promise<RefreshTokenRecord | undefined>;
  /** Revokes a refresh token and, through its origin_jti, every token issued with it. */
  revokeRefresh(hash: string, at: number): Promise<void>;
  /** Revokes every refresh token of a user and every token issued with them (GlobalSignOut). */
  revokeAllForUser(poolId: string, sub: string, at: number): Promise<void>;
  /** Marks an origin_jti revoked until `expiresAt` (after which its tokens have expired anyway). */
  revokeOrigin(originJti: string, expiresAt: number): Promise<void>;
  isOriginRevoked(originJti: string): Promise<boolean>;
  /** Removes refresh tokens and revocations that expired before `before`. */
  purgeExpired(before: number): Promise<number>;
}

/** The server's side of a challenge in progress (InitiateAuth → RespondToAuthChallenge). */
export interface AuthSessionRecord {
  /** SHA-256 of the opaque token handed to the client (Session, or SRP's SECRET_BLOCK). */
  hash: string;
  poolId: string;
  clientId: string;
  sub: string;
  challenge: string;
  /** What the flow needs at the next step (SRP's b and B, custom challenge history, ...). */
  state: Record<string, unknown>;
  createdAt: number;
  expiresAt: number;
}

export interface AuthSessionRepository {
  put(session: AuthSessionRecord): Promise<void>;
  /** Removes and returns the session if it exists and has not expired at `now`: each session is used once. */
  take(hash: string, now: number): Promise<AuthSessionRecord | undefined>;
  purgeExpired(before: number): Promise<number>;
}

export interface Repositories {
  authSessions: AuthSessionRepository;
  signingKeys: SigningKeyRepository;
  tokens: TokenRepository;
  /** Trigger invocations, newest kept (the store keeps the last 10,000). */
  invocations: InvocationRecorder;
  users: UserRepository;
  groups: GroupRepository;
  pools: PoolRepository;
  clients: ClientRepository;
  codes: CodeRepository;
  secrets: SecretRepository;
  messages: MessageRepository;
  quotas: QuotaRepository;
}

export interface Store extends Repositories {
  /** Which adapter this is, for logs ("sqlite", "postgres"). */
  readonly kind: string;
  /**
   * Runs `fn` atomically: every repository call through `tx` commits together or not at all, and
   * no concurrent transaction changes a record `fn` read through `tx` by its key before it ends.
   * `fn` does store work only: PostgreSQL may abort it in a deadlock, and it is then run again.
   */
  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T>;
  /**
   * Resolves once everything the store has committed is on disk; rejects if it cannot be. Every
   * answer waits for it, so no answer reports a state a power loss could take back, including
   * rows it only read (another request's, committed a moment before). SQLite: the WAL flush that
   * follows the last commit (see WalDurability). PostgreSQL: at once, as each COMMIT returns only
   * once it is durable.
   */
  settled(): Promise<void>;
  /** Cheap liveness check for /health. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A unique key was taken (an id collision); callers retry with a fresh id. */
export class StoreConflict extends Error {}

/** A `next` token that this listing did not issue. */
export class BadCursor extends Error {}
