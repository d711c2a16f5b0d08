/**
 * The store: the repositories by aggregate (storage/repositories), and what a store adds to them.
 * Operations see only these; each adapter (SQLite, PostgreSQL) implements them and passes the same
 * contract suite (storage/contract). Documents (`config`) are opaque JSON to the store: the domain
 * owns their shape.
 */
import type { ClientRecord } from '../domain/client.ts';
import type { PoolRecord } from '../domain/pool.ts';
import type { UserRecord } from '../domain/user.ts';
import type { AuthEventRepository } from './repositories/auth-events.ts';
import type { ClientRepository } from './repositories/clients.ts';
import type { ConsoleSessionRepository } from './repositories/console-sessions.ts';
import type { RiskConfigurationRepository } from './repositories/risk-configurations.ts';
import type { DeviceRepository } from './repositories/devices.ts';
import type { CodeRepository } from './repositories/codes.ts';
import type { GroupRepository } from './repositories/groups.ts';
import type { PoolDomainRepository } from './repositories/pool-domains.ts';
import type { ResourceServerRepository } from './repositories/resource-servers.ts';
import type { IdentityProviderRepository } from './repositories/identity-providers.ts';
import type { ImportJobRepository } from './repositories/import-jobs.ts';
import type { ManagedLoginBrandingRepository } from './repositories/managed-login-brandings.ts';
import type { TermsRepository } from './repositories/terms.ts';
import type { InvocationRecorder } from './repositories/invocations.ts';
import type { SecretRepository } from './repositories/secrets.ts';
import type { SigningKeyRepository } from './repositories/signing-keys.ts';
import type { QuotaRepository } from './repositories/quotas.ts';
import type { LockoutRepository } from './repositories/lockouts.ts';
import type { MessageRepository } from './repositories/messages.ts';
import type { PasskeyRepository } from './repositories/passkeys.ts';
import type { PoolRepository } from './repositories/pools.ts';
import type { AuthSessionRepository } from './repositories/auth-sessions.ts';
import type { TokenRepository } from './repositories/tokens.ts';
import type { UICustomizationRepository } from './repositories/ui-customizations.ts';
import type { UserRepository } from './repositories/users.ts';

export interface Repositories {
  authSessions: AuthSessionRepository;
  signingKeys: SigningKeyRepository;
  tokens: TokenRepository;
  /** Trigger invocations, newest kept (the store keeps the last 10,000). */
  invocations: InvocationRecorder;
  users: UserRepository;
  groups: GroupRepository;
  /** User pool domains (prefix and custom). */
  poolDomains: PoolDomainRepository;
  /** Pools' resource servers and their custom scopes. */
  resourceServers: ResourceServerRepository;
  /** A pool's identity providers (federation). */
  identityProviders: IdentityProviderRepository;
  /** User import jobs, their CSV chunks and their logs. */
  importJobs: ImportJobRepository;
  pools: PoolRepository;
  clients: ClientRepository;
  codes: CodeRepository;
  secrets: SecretRepository;
  messages: MessageRepository;
  quotas: QuotaRepository;
  /** Failed password attempts (the sign-in lockout). */
  lockouts: LockoutRepository;
  /** Users' passkeys (WebAuthn credentials). */
  passkeys: PasskeyRepository;
  /** Users' confirmed devices (remembered or not). */
  devices: DeviceRepository;
  /** Pools' and app clients' UI customizations (CSS and logo) for the managed login pages. */
  uiCustomizations: UICustomizationRepository;
  /** Users' auth events (threat protection). */
  authEvents: AuthEventRepository;
  /** Pools' and app clients' risk configurations (threat protection). */
  riskConfigurations: RiskConfigurationRepository;
  /** App clients' managed login branding styles. */
  managedLoginBrandings: ManagedLoginBrandingRepository;
  /** App clients' terms documents, linked from the managed login pages. */
  terms: TermsRepository;
  /** The web console's sign-in sessions (no pool's). */
  consoleSessions: ConsoleSessionRepository;
}

/**
 * The repositories as fields of a store object, declared for the type checker only: an adapter
 * extends this and fills them in its constructor, so that the store is itself the Repositories its
 * callers use outside transactions.
 */
export abstract class RepositoryFields implements Repositories {
  declare readonly authSessions: AuthSessionRepository;
  declare readonly signingKeys: SigningKeyRepository;
  declare readonly tokens: TokenRepository;
  declare readonly invocations: InvocationRecorder;
  declare readonly users: UserRepository;
  declare readonly groups: GroupRepository;
  declare readonly poolDomains: PoolDomainRepository;
  declare readonly resourceServers: ResourceServerRepository;
  declare readonly identityProviders: IdentityProviderRepository;
  declare readonly importJobs: ImportJobRepository;
  declare readonly pools: PoolRepository;
  declare readonly clients: ClientRepository;
  declare readonly codes: CodeRepository;
  declare readonly secrets: SecretRepository;
  declare readonly messages: MessageRepository;
  declare readonly quotas: QuotaRepository;
  declare readonly lockouts: LockoutRepository;
  declare readonly passkeys: PasskeyRepository;
  declare readonly devices: DeviceRepository;
  declare readonly uiCustomizations: UICustomizationRepository;
  declare readonly authEvents: AuthEventRepository;
  declare readonly riskConfigurations: RiskConfigurationRepository;
  declare readonly managedLoginBrandings: ManagedLoginBrandingRepository;
  declare readonly terms: TermsRepository;
  declare readonly consoleSessions: ConsoleSessionRepository;
}

/** What an access token names: its pool, and (when it names them) its app client, its user's sub and its origin_jti. */
export interface SignedInKeys {
  poolId: string;
  clientId?: string;
  sub?: string;
  originJti?: string;
}

/** The rows of SignedInKeys as the repositories read them; a key not given finds nothing (revoked: false). */
export interface SignedInRows {
  pool: PoolRecord | undefined;
  /** The app client of that pool only. */
  client: ClientRecord | undefined;
  user: UserRecord | undefined;
  /** Whether the tokens of the origin_jti were revoked (TokenRepository.isOriginRevoked). */
  revoked: boolean;
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
   * The rows every request of a signed-in user reads (authenticate), in one read outside any
   * transaction: the same records pools.get, clients.get and users.get give, and isOriginRevoked.
   * On PostgreSQL one statement, where four were four round trips, each on a connection of its own.
   */
  signedInRows(keys: SignedInKeys): Promise<SignedInRows>;
  /**
   * Resolves once everything the store has committed is on disk; rejects if it cannot be. Answers
   * need not wait for it: every read and write of the store resolves only once what it wrote, and
   * every row it read (another request's, committed a moment before), is on disk, so no answer
   * reports a state a power loss could take back. SQLite: the WAL flush that follows the last
   * commit (see WalDurability). PostgreSQL: at once, as each COMMIT returns only once it is durable.
   */
  settled(): Promise<void>;
  /** Cheap liveness check for /health. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
