/**
 * The records of exported user pool logs, in the shape AWS documents for them ("This log schema
 * is subject to change. Some fields might be logged with null values."):
 * https://docs.aws.amazon.com/cognito/latest/developerguide/exporting-quotas-and-usage.html
 */

export interface LogRecord {
  /** Epoch milliseconds, as a string (AWS's example: "1687297330677"). */
  eventTimestamp: string;
  eventSource: 'USER_NOTIFICATION' | 'USER_ACTIVITY';
  logLevel: 'ERROR' | 'INFO';
  message: Record<string, unknown>;
  logSourceId: { userPoolId: string };
}

/** A message Cognate could not deliver (userNotification, ERROR). */
export function notificationRecord(poolId: string, details: string, at: number): LogRecord {
  return { eventTimestamp: String(at), eventSource: 'USER_NOTIFICATION', logLevel: 'ERROR', message: { details }, logSourceId: { userPoolId: poolId } };
}

/** What a user-activity record tells of one auth event (the fields of AWS's example; strings, as there). */
export interface UserActivity {
  eventId: string;
  /** SignIn, SignUp, ForgotPassword, PasswordChange, ResendCode, ... (AuthEventType.EventType). */
  eventType: string;
  userSub: string;
  userName: string;
  clientId?: string;
  /** Epoch milliseconds. */
  creationDate: number;
  /** Pass, Fail, InProgress. */
  eventResponse: string;
  riskLevel?: string;
  riskDecision?: string;
  challenges?: { challengeName: string; challengeResponse: string }[];
  deviceName?: string;
  ipAddress?: string;
  requestId?: string;
  idpName?: string;
  compromisedCredentialDetected?: boolean;
  city?: string;
  country?: string;
  hasContextData?: boolean;
}

/** AWS writes the creation date as Java's Date#toString does: "Wed Jul 17 17:25:55 UTC 2024". */
function javaDate(ms: number): string {
  const d = new Date(ms);
  const [wd, mon] = [d.toUTCString().slice(0, 3), d.toUTCString().slice(8, 11)];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${wd} ${mon} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** A user-activity record (userAuthEvents, INFO) of a pool with threat protection. */
export function userActivityRecord(poolId: string, e: UserActivity, at: number): LogRecord {
  return {
    eventTimestamp: String(at),
    eventSource: 'USER_ACTIVITY',
    logLevel: 'INFO',
    message: {
      version: '1',
      eventId: e.eventId,
      eventType: e.eventType,
      userSub: e.userSub,
      userName: e.userName,
      userPoolId: poolId,
      clientId: e.clientId ?? '',
      creationDate: javaDate(e.creationDate),
      eventResponse: e.eventResponse,
      riskLevel: e.riskLevel ?? '',
      riskDecision: e.riskDecision ?? '',
      challenges: e.challenges ?? [],
      deviceName: e.deviceName ?? '',
      ipAddress: e.ipAddress ?? '',
      requestId: e.requestId ?? '',
      idpName: e.idpName ?? '',
      compromisedCredentialDetected: String(e.compromisedCredentialDetected ?? false),
      city: e.city ?? '',
      country: e.country ?? '',
      eventFeedbackValue: '',
      eventFeedbackDate: '',
      eventFeedbackProvider: '',
      hasContextData: String(e.hasContextData ?? false),
    },
    logSourceId: { userPoolId: poolId },
  };
}
