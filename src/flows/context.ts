/** What every sign-in flow and challenge works with, and what it answers. */
import type { AuthenticationResultType, ChallengeNameType } from '@aws-sdk/client-cognito-identity-provider';
import type { ClientRecord } from '../domain/client.ts';
import type { PoolRecord } from '../domain/pool.ts';
import type { UserRecord } from '../domain/user.ts';
import type { Wire } from '../domain/wire.ts';
import type { Deps } from '../services/deps.ts';
import type { RequestContext } from '../services/request-context.ts';
import type { PreTokenGenerationTriggerSource } from '../services/triggers/index.ts';
import type { ClaimedContext } from '../services/threat/context.ts';
import type { SignInRisk } from '../services/threat/recorder.ts';
import { eventCaller } from '../services/triggers/caller.ts';

/** What sign-in needs of the services; the sign-in operations declare exactly these. */
export type FlowDepName = 'store' | 'clock' | 'random' | 'sealer' | 'passwordHasher' | 'triggers' | 'tokens' | 'delivery' | 'codes' | 'admission' | 'threat';
export type FlowDeps = Pick<Deps, FlowDepName>;

export interface FlowContext {
  deps: FlowDeps;
  ctx: Pick<RequestContext, 'userAgent' | 'log' | 'sourceIp'>;
  pool: PoolRecord;
  client: ClientRecord;
  /** AdminInitiateAuth / AdminRespondToAuthChallenge (signed). */
  admin: boolean;
  /** The request's ClientMetadata. */
  clientMetadata?: Record<string, string>;
  /**
   * The DEVICE_KEY the request names (InitiateAuth's AuthParameters, or a challenge's responses:
   * Amplify sends it with PASSWORD_VERIFIER only), for the remembered-device step.
   */
  deviceKey?: string;
  /**
   * The managed login pages sign the user in (protocol/oauth): the sign-in ends without tokens, in
   * `SignedIn`; the tokens come from the token endpoint, with the scopes the authorize request got.
   */
  hosted?: boolean;
  /** The request's UserContextData or ContextData: where its user is, as far as Cognate believes it (services/threat/context.ts). */
  claimed?: ClaimedContext;
  /**
   * The password USER_PASSWORD_AUTH proved, for threat protection's compromised-credentials check
   * and to hash it again under stronger parameters (SRP never shows it). Never kept: a FlowContext
   * lives for one request.
   */
  signInPassword?: string;
}

/** InitiateAuth's and RespondToAuthChallenge's answer (their outputs have the same members). */
export interface AuthAnswer {
  ChallengeName?: ChallengeNameType;
  Session?: string;
  ChallengeParameters?: Record<string, string>;
  AuthenticationResult?: Wire<AuthenticationResultType>;
  /** SELECT_CHALLENGE's choice (USER_AUTH). */
  AvailableChallenges?: ChallengeNameType[];
  /** A managed login page's sign-in that succeeded (FlowContext.hosted): never on the wire. */
  SignedIn?: { sub: string; authTime: number };
}

/** The header fields of a trigger event for this request. */
export const eventHeader = (fc: FlowContext, userName: string) => eventCaller(fc.pool, userName, fc.client.clientId, fc.ctx.userAgent);

/** A user's attributes as trigger events show them: with `cognito:user_status`. */
export const eventAttributes = (user: UserRecord): Record<string, string> => ({ ...user.attributes, 'cognito:user_status': user.status });

/** How a sign-in goes on once its first factor is proven (further-steps.ts). */
export interface SignInProgress {
  /** The PreTokenGeneration source the tokens will be made with. */
  source: PreTokenGenerationTriggerSource;
  /** RespondToAuthChallenge's ClientMetadata (InitiateAuth's reaches only PreAuthentication). */
  clientMetadata: Record<string, string> | undefined;
  /**
   * The first factor was no password: a one-time code or a passkey of USER_AUTH. AWS offers MFA
   * "as additional factors to sign in your users who have passwords as their primary authentication
   * factor" (developer guide, user-pool-settings-mfa), so the MFA step lets such a sign-in pass.
   */
  passwordless?: boolean;
  /**
   * The confirmed device of the user that the sign-in names (remembered or not); the tokens are
   * issued to it. Unset in a pool that tracks devices: the sign-in gets a new device key.
   */
  deviceKey?: string;
  /**
   * The device proved itself (DEVICE_PASSWORD_VERIFIER). The MFA step skips the second factor
   * when `deviceStandsInForMfa(pool, progress.deviceAuthenticated)` (domain/device.ts) says so.
   */
  deviceAuthenticated?: boolean;
  /** Threat protection's assessment of this sign-in (further-steps.ts), when the pool has it on. */
  risk?: SignInRisk;
}

export const nowSeconds = (fc: FlowContext) => Math.floor(fc.deps.clock.now() / 1000);
