/**
 * Threat protection's one service (docs/threat-protection.md): the flows and operations call it at
 * one place each (the end of a sign-in's first factor and of the sign-in, sign-up, password
 * changes and resets). A pool without threat protection costs nothing: its mode is read from
 * the pool already in hand, and nothing else is done.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AccountTakeoverEventActionType, EventFilterType } from '@aws-sdk/client-cognito-identity-provider';
import type { AuthEventKind, AuthEventRecord, EventContext, FeedbackValue, RiskLevel } from '../../domain/auth-event.ts';
import type { ClientRecord } from '../../domain/client.ts';
import { adaptiveMfaFactor, type MfaFactor } from '../../domain/mfa.ts';
import type { PoolRecord } from '../../domain/pool.ts';
import { compromisedAction, inRanges, riskDecision, signInRisk, takeoverAction, threatMode, type RiskConfiguration, type ThreatMode } from '../../domain/risk.ts';
import type { UserRecord } from '../../domain/user.ts';
import { compromisedPassword, compromisedSignIn, invalidFeedbackToken, signInBlockedForSecurity } from '../../errors/index.ts';
import type { Clock } from '../../ground/clock.ts';
import type { Random } from '../../ground/random.ts';
import type { Store } from '../../storage/store.ts';
import type { DeliveryService } from '../delivery/delivery.ts';
import type { LogExporter } from '../log-delivery/exporter.ts';
import { sendRiskNotification } from './notify.ts';

/** How many of a user's newest successful sign-ins make the history a new one is compared with. */
const HISTORY = 50;

/** What a sign-in's assessment decided, kept with its progress (challenge sessions) until it ends. */
export interface SignInRisk {
  context: EventContext;
  level: RiskLevel | null;
  compromised: boolean;
  /** The account-takeover action taken: NO_ACTION in AUDIT mode, whatever is configured. */
  action: AccountTakeoverEventActionType;
  notify: boolean;
  /** The factor risk asks for, where the pool's own MFA setting asks for none. */
  mfaFactor?: MfaFactor;
  mfaPassed?: boolean;
}

export interface ThreatProtection {
  mode(pool: PoolRecord): ThreatMode;
  /** The app client's configuration, else the pool's. */
  configuration(pool: PoolRecord, clientId: string | null): Promise<RiskConfiguration | undefined>;
  /** Before any sign-in: an address in BlockedIPRangeList is refused (ENFORCED). */
  checkAddress(pool: PoolRecord, client: ClientRecord, context: EventContext): Promise<void>;
  /** Once the first factor is proven: the risk, and under ENFORCED its action (a block is recorded, notified and thrown). */
  assessSignIn(a: { pool: PoolRecord; client: ClientRecord; user: UserRecord; context: EventContext; password?: string }): Promise<SignInRisk | undefined>;
  /** The sign-in's end: its event, and the notification its level asks for. */
  signedIn(pool: PoolRecord, client: ClientRecord, user: UserRecord, risk: SignInRisk): Promise<void>;
  /** A new password (sign-up, change, reset): refused when known-breached and the action is BLOCK (ENFORCED); whether it is known-breached. */
  checkNewPassword(pool: PoolRecord, clientId: string | null, filter: EventFilterType, password: string): Promise<boolean>;
  /** Records a sign-up, password change or reset that went through (or, with `over`, a failed sign-in); nothing when threat protection is off. */
  record(pool: PoolRecord, user: UserRecord, kind: AuthEventKind, context: EventContext, details?: Partial<Pick<AuthEventRecord, 'compromised' | 'response' | 'challenges'>>): Promise<void>;
  /** UpdateAuthEventFeedback and the notification's links: the token checked in constant time, and usable once. */
  feedbackWithToken(pool: PoolRecord, user: UserRecord, eventId: string, token: string, value: FeedbackValue): Promise<void>;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function createThreatProtection(deps: {
  store: Store; clock: Clock; random: Random; delivery: DeliveryService; compromisedPasswords: readonly string[]; linkBase: () => string; logs?: Pick<LogExporter, 'userActivity'>;
}): ThreatProtection {
  const { store, clock, random } = deps;
  const breached = new Set(deps.compromisedPasswords);
  const newEventId = () => random.bytes(16).toString('hex');

  async function configuration(pool: PoolRecord, clientId: string | null) {
    return (clientId ? await store.riskConfigurations.get(pool.id, clientId) : undefined) ?? (await store.riskConfigurations.get(pool.id, null));
  }

  function event(pool: PoolRecord, user: UserRecord, kind: AuthEventKind, context: EventContext, over: Partial<AuthEventRecord> = {}): AuthEventRecord {
    return {
      poolId: pool.id, sub: user.sub, eventId: newEventId(), kind, createdAt: clock.now(), response: 'Pass', decision: 'NoRisk', level: null, compromised: false,
      challenges: [], context, feedbackTokenHash: null, feedback: null, ...over,
    };
  }

  /** Keeps the event, and exports it where the pool has user-activity logs configured (SetLogDeliveryConfiguration). */
  async function keep(pool: PoolRecord, user: UserRecord, e: AuthEventRecord): Promise<void> {
    await store.authEvents.record(e);
    deps.logs?.userActivity(pool, {
      eventId: e.eventId, eventType: e.kind, userSub: user.sub, userName: user.username, creationDate: e.createdAt, eventResponse: e.response,
      ...(e.level ? { riskLevel: e.level } : {}), riskDecision: e.decision, compromisedCredentialDetected: e.compromised,
      challenges: e.challenges.map((c) => ({ challengeName: c.ChallengeName!, challengeResponse: c.ChallengeResponse! })),
      ipAddress: e.context.ipAddress, deviceName: e.context.deviceName,
    });
  }

  /** Records the event; with a notification, the event keeps the hash of the token its links carry. */
  async function recordAndNotify(pool: PoolRecord, user: UserRecord, e: AuthEventRecord, notify: { config: RiskConfiguration | undefined; action: AccountTakeoverEventActionType } | undefined) {
    const token = notify && user.attributes.email ? random.bytes(32).toString('base64url') : undefined;
    const stored = token ? { ...e, feedbackTokenHash: sha256(token) } : e;
    await keep(pool, user, stored);
    if (notify && token) await sendRiskNotification(deps, { pool, user, config: notify.config, action: notify.action, event: stored, token });
  }

  return {
    mode: (pool) => threatMode(pool.config),
    configuration,

    async checkAddress(pool, client, context) {
      if (threatMode(pool.config) !== 'ENFORCED') return;
      const config = await configuration(pool, client.clientId);
      if (inRanges(context.ipAddress, config?.exceptions?.BlockedIPRangeList)) throw signInBlockedForSecurity();
    },

    async assessSignIn({ pool, client, user, context, password }) {
      const mode = threatMode(pool.config);
      if (mode === 'OFF') return undefined;
      const config = await configuration(pool, client.clientId);
      const compromised = password !== undefined && breached.has(password);
      const skipped = inRanges(context.ipAddress, config?.exceptions?.SkippedIPRangeList);
      let level: RiskLevel | null = null;
      if (!skipped) {
        const seen = await store.authEvents.signInHistory(pool.id, user.sub, HISTORY);
        level = signInRisk({ ips: new Set(seen.map((s) => s.ip)), devices: new Set(seen.map((s) => s.device)) }, context.ipAddress, context.deviceName);
      }
      const configured = takeoverAction(config, level);
      const enforced = mode === 'ENFORCED';
      const action = enforced ? configured.action : 'NO_ACTION';
      const notify = enforced && configured.notify;
      const mfaFactor = action === 'MFA_IF_CONFIGURED' || action === 'MFA_REQUIRED' ? adaptiveMfaFactor(pool.config, user) : undefined;
      const blockedForRisk = action === 'BLOCK' || (action === 'MFA_REQUIRED' && !mfaFactor);
      const blockedForPassword = enforced && compromised && compromisedAction(config, 'SIGN_IN') === 'BLOCK';
      if (blockedForRisk || blockedForPassword) {
        const e = event(pool, user, 'SignIn', context, { response: 'Fail', decision: 'Block', level, compromised, challenges: [{ ChallengeName: 'Password', ChallengeResponse: 'Success' }] });
        await recordAndNotify(pool, user, e, notify && blockedForRisk ? { config, action: 'BLOCK' } : undefined);
        throw blockedForPassword ? compromisedSignIn() : signInBlockedForSecurity();
      }
      return { context, level, compromised, action, notify, ...(mfaFactor ? { mfaFactor } : {}) };
    },

    async signedIn(pool, client, user, risk) {
      const challenges: AuthEventRecord['challenges'] = [{ ChallengeName: 'Password', ChallengeResponse: 'Success' }];
      if (risk.mfaPassed) challenges.push({ ChallengeName: 'Mfa', ChallengeResponse: 'Success' });
      const e = event(pool, user, 'SignIn', risk.context, { decision: riskDecision(false, risk.level), level: risk.level, compromised: risk.compromised, challenges });
      const config = risk.notify ? await configuration(pool, client.clientId) : undefined;
      await recordAndNotify(pool, user, e, risk.notify ? { config, action: risk.action } : undefined);
    },

    async checkNewPassword(pool, clientId, filter, password) {
      const mode = threatMode(pool.config);
      if (mode === 'OFF' || !breached.has(password)) return false;
      if (mode === 'ENFORCED' && compromisedAction(await configuration(pool, clientId), filter) === 'BLOCK') throw compromisedPassword();
      return true;
    },

    async record(pool, user, kind, context, details = {}) {
      if (threatMode(pool.config) === 'OFF') return;
      await keep(pool, user, event(pool, user, kind, context, details));
    },

    async feedbackWithToken(pool, user, eventId, token, value) {
      // An unknown event is refused as a wrong token is: the answer tells nothing of which events exist.
      const e = await store.authEvents.get(pool.id, user.sub, eventId);
      const given = Buffer.from(sha256(token), 'hex');
      const held = e?.feedbackTokenHash ? Buffer.from(e.feedbackTokenHash, 'hex') : Buffer.alloc(32);
      // Compared in constant time over hashes of equal length; an event with no token left refuses every one.
      if (!timingSafeEqual(given, held) || !e?.feedbackTokenHash) throw invalidFeedbackToken();
      const used = await store.authEvents.useFeedbackToken(pool.id, user.sub, eventId, e.feedbackTokenHash, { value, provider: 'User', at: clock.now() });
      if (!used) throw invalidFeedbackToken();
    },
  };
}
