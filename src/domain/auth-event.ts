/**
 * Auth events (threat protection): what a sign-in, sign-up, password change or reset looked like,
 * the risk Cognate gave it and what it did about it, and the user's feedback. Pure.
 */
import type { AuthEventType } from '@aws-sdk/client-cognito-identity-provider';
import { compact, type Wire } from './wire.ts';

export type AuthEventKind = 'SignIn' | 'SignUp' | 'ForgotPassword' | 'PasswordChange' | 'ResendCode';
export type AuthEventResponse = 'Pass' | 'Fail' | 'InProgress';
export type RiskDecision = 'NoRisk' | 'AccountTakeover' | 'Block';
export type RiskLevel = 'Low' | 'Medium' | 'High';
export type FeedbackValue = 'Valid' | 'Invalid';

export interface ChallengeOutcome {
  ChallengeName: 'Password' | 'Mfa';
  ChallengeResponse: 'Success' | 'Failure';
}

/** Where the request came from, as far as Cognate can tell (services/threat/context.ts). */
export interface EventContext {
  ipAddress: string;
  deviceName: string;
}

export interface AuthEventRecord {
  poolId: string;
  sub: string;
  eventId: string;
  kind: AuthEventKind;
  createdAt: number;
  response: AuthEventResponse;
  decision: RiskDecision;
  /** Absent when no risk was found (or risk was not assessed: a skipped address). */
  level: RiskLevel | null;
  compromised: boolean;
  challenges: ChallengeOutcome[];
  context: EventContext;
  /** SHA-256 (hex) of the FeedbackToken a notification carried; null when none was sent, or once used. */
  feedbackTokenHash: string | null;
  feedback: { value: FeedbackValue; provider: 'User' | 'Admin'; at: number } | null;
}

/** The event as AdminListUserAuthEvents shows it. */
export function describeAuthEvent(e: AuthEventRecord): Wire<AuthEventType> {
  return compact({
    EventId: e.eventId,
    EventType: e.kind,
    CreationDate: e.createdAt / 1000,
    EventResponse: e.response,
    EventRisk: compact({ RiskDecision: e.decision, RiskLevel: e.level ?? undefined, CompromisedCredentialsDetected: e.compromised }),
    ChallengeResponses: e.challenges,
    EventContextData: { IpAddress: e.context.ipAddress, DeviceName: e.context.deviceName },
    EventFeedback: e.feedback ? { FeedbackValue: e.feedback.value, Provider: e.feedback.provider, FeedbackDate: e.feedback.at / 1000 } : undefined,
  }) as unknown as Wire<AuthEventType>;
}
