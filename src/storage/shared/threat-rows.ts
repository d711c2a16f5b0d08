/** Row mapping of auth events and risk configurations, shared by both adapters. */
import type { AuthEventRecord } from '../../domain/auth-event.ts';
import type { RiskConfiguration } from '../../domain/risk.ts';
import type { PageRequest } from '../repositories/paging.ts';
import { decodeCursor } from './cursor.ts';
import type { Row } from './rows.ts';

/** Newest first: a page starts below the cursor's seq (the first page, below every seq). */
export const beforeSeq = (p: PageRequest) => (p.after === undefined ? Number.MAX_SAFE_INTEGER : decodeCursor(p.after));

/** The columns of an auth event, in the order of AUTH_EVENT_COLUMNS. */
export const AUTH_EVENT_COLUMNS = 'pool_id, sub, event_id, kind, created_at, response, decision, level, compromised, challenges, ip, device, feedback_token_hash, feedback_value, feedback_provider, feedback_at';
export function authEventParams(e: AuthEventRecord): (string | number | null)[] {
  return [
    e.poolId, e.sub, e.eventId, e.kind, e.createdAt, e.response, e.decision, e.level, e.compromised ? 1 : 0, JSON.stringify(e.challenges),
    e.context.ipAddress, e.context.deviceName, e.feedbackTokenHash, e.feedback?.value ?? null, e.feedback?.provider ?? null, e.feedback?.at ?? null,
  ];
}

export function authEventFromRow(r: Row): AuthEventRecord {
  return {
    poolId: r.pool_id as string,
    sub: r.sub as string,
    eventId: r.event_id as string,
    kind: r.kind as AuthEventRecord['kind'],
    createdAt: Number(r.created_at),
    response: r.response as AuthEventRecord['response'],
    decision: r.decision as AuthEventRecord['decision'],
    level: (r.level as AuthEventRecord['level']) ?? null,
    compromised: Number(r.compromised) === 1,
    challenges: JSON.parse(r.challenges as string),
    context: { ipAddress: r.ip as string, deviceName: r.device as string },
    feedbackTokenHash: (r.feedback_token_hash as string | null) ?? null,
    feedback: r.feedback_value ? { value: r.feedback_value as 'Valid' | 'Invalid', provider: r.feedback_provider as 'User' | 'Admin', at: Number(r.feedback_at) } : null,
  };
}

/** The configuration document a row keeps (everything but its keys and date). */
export function riskConfigDocument(c: RiskConfiguration): string {
  return JSON.stringify({ compromisedCredentials: c.compromisedCredentials, accountTakeover: c.accountTakeover, exceptions: c.exceptions });
}

export function riskConfigFromRow(r: Row): RiskConfiguration {
  const doc = JSON.parse(r.config as string) as Pick<RiskConfiguration, 'compromisedCredentials' | 'accountTakeover' | 'exceptions'>;
  return { poolId: r.pool_id as string, clientId: (r.client_id as string) || null, ...doc, lastModifiedAt: Number(r.last_modified_at) };
}
