/**
 * Checks a function's answer for its trigger source, as Cognito does before using it.
 * An unusable answer becomes InvalidLambdaResponseException; the function's `response` is
 * the only part Cognito reads (changes to `request` are ignored).
 */
import { type CognitoError, customMessageLacksPlaceholder, customMessageTooLong, unrecognizableLambdaOutput } from '../../errors/index.ts';
import { triggerName, type TriggerEvent } from './events/index.ts';

/** An unusable answer: the error the API caller gets, and the detail for logs and records. */
export class InvalidAnswer extends Error {
  readonly error: CognitoError;
  constructor(error: CognitoError, detail: string) {
    super(detail);
    this.error = error;
  }

  /** What the API caller sees (Cognito's wording where known). */
  get clientMessage(): string {
    return this.error.message;
  }
}

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const unrecognizable = (detail: string) => new InvalidAnswer(unrecognizableLambdaOutput(), detail);

function optional(r: Obj, key: string, want: string, ok: (v: unknown) => boolean): void {
  const v = r[key];
  if (v !== undefined && v !== null && !ok(v)) throw unrecognizable(`response.${key} must be ${want} or null, got ${JSON.stringify(v)}`);
}
const isString = (v: unknown) => typeof v === 'string';
const isBoolean = (v: unknown) => typeof v === 'boolean';
const isStringArray = (v: unknown) => Array.isArray(v) && v.every(isString);
const isStringMap = (v: unknown) => isObject(v) && Object.values(v).every(isString);
const oneOf = (...values: string[]) => (v: unknown) => typeof v === 'string' && values.includes(v);
const bool = (r: Obj, k: string) => optional(r, k, 'a boolean', isBoolean);
const str = (r: Obj, k: string) => optional(r, k, 'a string', isString);
const strMap = (r: Obj, k: string) => optional(r, k, 'an object of strings', isStringMap);
const strList = (r: Obj, k: string) => optional(r, k, 'a list of strings', isStringArray);

/** Checks nested objects with the same helpers, naming the path in the detail. */
function nested(r: Obj, key: string, check: (o: Obj) => void): void {
  const v = r[key];
  if (v === undefined || v === null) return;
  if (!isObject(v)) throw unrecognizable(`response.${key} must be an object or null`);
  try {
    check(v);
  } catch (e) {
    if (e instanceof InvalidAnswer) throw unrecognizable(e.message.replace(/^response\./, `response.${key}.`));
    throw e;
  }
}

const groupOverride = (o: Obj) => nested(o, 'groupOverrideDetails', (g) => (strList(g, 'groupsToOverride'), strList(g, 'iamRolesToOverride'), str(g, 'preferredRole')));

/** Length in characters (code points), as Cognito counts UTF-8 characters. */
const chars = (s: string) => [...s].length;

function customMessage(event: TriggerEvent, r: Obj): void {
  str(r, 'smsMessage');
  str(r, 'emailMessage');
  str(r, 'emailSubject');
  const req = event.request as { codeParameter?: string; usernameParameter?: string | null };
  const code = req.codeParameter ?? '{####}';
  const needUsername = event.triggerSource === 'CustomMessage_AdminCreateUser' && typeof req.usernameParameter === 'string' ? req.usernameParameter : null;
  for (const key of ['smsMessage', 'emailMessage'] as const) {
    const m = r[key];
    if (typeof m !== 'string') continue;
    if (!m.includes(code)) throw new InvalidAnswer(customMessageLacksPlaceholder(key, 'code', code), `response.${key} does not contain ${code}`);
    if (needUsername && !m.includes(needUsername))
      throw new InvalidAnswer(customMessageLacksPlaceholder(key, 'username', needUsername), `response.${key} does not contain ${needUsername}`);
  }
  const limit = (key: string, max: number) => {
    const m = r[key];
    if (typeof m === 'string' && chars(m) > max)
      throw new InvalidAnswer(customMessageTooLong(key, max), `response.${key} has ${chars(m)} characters, at most ${max} allowed`);
  };
  limit('smsMessage', 140);
  limit('emailMessage', 20000);
  limit('emailSubject', 140);
}

function preTokenGeneration(event: TriggerEvent, r: Obj): void {
  nested(r, 'claimsOverrideDetails', (o) => (strMap(o, 'claimsToAddOrOverride'), strList(o, 'claimsToSuppress'), groupOverride(o)));
  if (event.version === '1') return;
  const tokenDetails = (o: Obj) => (optional(o, 'claimsToAddOrOverride', 'an object', isObject), strList(o, 'claimsToSuppress'));
  nested(r, 'claimsAndScopeOverrideDetails', (o) => {
    nested(o, 'idTokenGeneration', tokenDetails);
    nested(o, 'accessTokenGeneration', (a) => (tokenDetails(a), strList(a, 'scopesToAdd'), strList(a, 'scopesToSuppress')));
    groupOverride(o);
  });
}

const checks: Record<string, (event: TriggerEvent, r: Obj) => void> = {
  PreSignUp: (_e, r) => ['autoConfirmUser', 'autoVerifyEmail', 'autoVerifyPhone'].forEach((k) => bool(r, k)),
  PostConfirmation: () => {},
  PreAuthentication: () => {},
  PostAuthentication: () => {},
  CustomMessage: customMessage,
  PreTokenGeneration: preTokenGeneration,
  UserMigration: (_e, r) => {
    strMap(r, 'userAttributes');
    optional(r, 'finalUserStatus', 'CONFIRMED or RESET_REQUIRED', oneOf('CONFIRMED', 'RESET_REQUIRED'));
    optional(r, 'messageAction', 'SUPPRESS or RESEND', oneOf('SUPPRESS', 'RESEND'));
    optional(r, 'desiredDeliveryMediums', 'a list of SMS and EMAIL', (v) => Array.isArray(v) && v.every(oneOf('SMS', 'EMAIL')));
    bool(r, 'forceAliasCreation');
    bool(r, 'enableSMSMFA');
  },
  DefineAuthChallenge: (_e, r) => (str(r, 'challengeName'), bool(r, 'issueTokens'), bool(r, 'failAuthentication')),
  CreateAuthChallenge: (_e, r) => (strMap(r, 'publicChallengeParameters'), strMap(r, 'privateChallengeParameters'), str(r, 'challengeMetadata')),
  VerifyAuthChallengeResponse: (_e, r) => bool(r, 'answerCorrect'),
};

/**
 * Returns the event with the function's `response` laid over the one that was sent (so every
 * documented key is present), or throws InvalidAnswer.
 */
export function checkAnswer<E extends TriggerEvent>(event: E, answer: unknown): E {
  if (!isObject(answer)) throw unrecognizable(`the function returned ${answer === undefined ? 'nothing' : JSON.stringify(answer).slice(0, 100)}, not the event`);
  if (!isObject(answer.response)) throw unrecognizable('the answer has no response object; return the event you were given');
  const response: Obj = { ...((event as { response?: Obj }).response ?? {}), ...answer.response };
  const check = checks[triggerName(event.triggerSource)];
  if (check) check(event, response);
  if (triggerName(event.triggerSource) === 'PreSignUp') {
    for (const k of ['autoConfirmUser', 'autoVerifyEmail', 'autoVerifyPhone']) response[k] = response[k] === true;
  }
  return { ...event, response } as E;
}
