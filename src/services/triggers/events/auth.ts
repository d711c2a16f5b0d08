/**
 * Events of the sign-in family: PreAuthentication, PostAuthentication, PreTokenGeneration
 * (V1_0, V2_0, V3_0) and the custom-auth triple DefineAuthChallenge, CreateAuthChallenge,
 * VerifyAuthChallengeResponse.
 */
import { header, withClientMetadata, type CommonInput, type EventHeader, type StringMap } from './common.ts';

// ---- PreAuthentication / PostAuthentication -------------------------------------------------

export interface PreAuthenticationEvent extends EventHeader<'PreAuthentication_Authentication'> {
  /** validationData carries InitiateAuth's ClientMetadata (this trigger gets no clientMetadata). */
  request: { userAttributes: StringMap; validationData?: StringMap; userNotFound?: boolean };
  response: Record<string, never>;
}

export function preAuthenticationEvent(
  input: CommonInput & { userAttributes: StringMap; validationData?: StringMap; userNotFound?: boolean },
): PreAuthenticationEvent {
  const request: PreAuthenticationEvent['request'] = { userAttributes: { ...input.userAttributes } };
  if (input.validationData !== undefined) request.validationData = { ...input.validationData };
  if (input.userNotFound !== undefined) request.userNotFound = input.userNotFound;
  return { ...header(input, 'PreAuthentication_Authentication'), request, response: {} };
}

export interface PostAuthenticationEvent extends EventHeader<'PostAuthentication_Authentication'> {
  request: { userAttributes: StringMap; newDeviceUsed: boolean; clientMetadata?: StringMap };
  response: Record<string, never>;
}

export function postAuthenticationEvent(
  input: CommonInput & { userAttributes: StringMap; newDeviceUsed?: boolean; clientMetadata?: StringMap },
): PostAuthenticationEvent {
  return {
    ...header(input, 'PostAuthentication_Authentication'),
    request: withClientMetadata({ userAttributes: { ...input.userAttributes }, newDeviceUsed: input.newDeviceUsed ?? false }, input.clientMetadata),
    response: {},
  };
}

// ---- PreTokenGeneration ----------------------------------------------------------------------

export type PreTokenGenerationTriggerSource =
  | 'TokenGeneration_HostedAuth'
  | 'TokenGeneration_Authentication'
  | 'TokenGeneration_NewPasswordChallenge'
  | 'TokenGeneration_AuthenticateDevice'
  | 'TokenGeneration_RefreshTokens'
  /** A client_credentials grant (V3_0 functions only): no user, `userAttributes` empty. */
  | 'TokenGeneration_ClientCredentials';

/** LambdaConfig.PreTokenGenerationConfig.LambdaVersion. */
export type PreTokenGenerationVersion = 'V1_0' | 'V2_0' | 'V3_0';

export interface GroupConfiguration {
  groupsToOverride: string[];
  iamRolesToOverride: string[];
  preferredRole: string | null;
}

export interface ClaimsOverrideDetails {
  claimsToAddOrOverride?: StringMap | null;
  claimsToSuppress?: string[] | null;
  groupOverrideDetails?: GroupConfiguration | null;
}

export interface TokenGenerationDetails {
  claimsToAddOrOverride?: Record<string, unknown> | null;
  claimsToSuppress?: string[] | null;
}

export interface ClaimsAndScopeOverrideDetails {
  idTokenGeneration?: TokenGenerationDetails | null;
  accessTokenGeneration?: (TokenGenerationDetails & { scopesToAdd?: string[] | null; scopesToSuppress?: string[] | null }) | null;
  groupOverrideDetails?: GroupConfiguration | null;
}

export interface PreTokenGenerationV1Event extends EventHeader<PreTokenGenerationTriggerSource> {
  version: '1';
  request: { userAttributes: StringMap; groupConfiguration: GroupConfiguration; clientMetadata?: StringMap };
  response: { claimsOverrideDetails: ClaimsOverrideDetails | null };
}

export interface PreTokenGenerationV2Event extends EventHeader<PreTokenGenerationTriggerSource> {
  version: '2' | '3';
  request: { userAttributes: StringMap; scopes: string[]; groupConfiguration: GroupConfiguration; clientMetadata?: StringMap };
  response: { claimsAndScopeOverrideDetails: ClaimsAndScopeOverrideDetails | null };
}

export type PreTokenGenerationEvent = PreTokenGenerationV1Event | PreTokenGenerationV2Event;

interface PreTokenGenerationInput extends CommonInput {
  triggerSource: PreTokenGenerationTriggerSource;
  userAttributes: StringMap;
  groups?: string[];
  iamRoles?: string[];
  preferredRole?: string | null;
  /** The access token's scopes (sent in V2_0 and V3_0 events only). */
  scopes?: string[];
  clientMetadata?: StringMap;
}

export function preTokenGenerationEvent(input: PreTokenGenerationInput & { eventVersion?: 'V1_0' }): PreTokenGenerationV1Event;
export function preTokenGenerationEvent(input: PreTokenGenerationInput & { eventVersion: 'V2_0' | 'V3_0' }): PreTokenGenerationV2Event;
export function preTokenGenerationEvent(input: PreTokenGenerationInput & { eventVersion?: PreTokenGenerationVersion }): PreTokenGenerationEvent;
export function preTokenGenerationEvent(input: PreTokenGenerationInput & { eventVersion?: PreTokenGenerationVersion }): PreTokenGenerationEvent {
  const groupConfiguration: GroupConfiguration = {
    groupsToOverride: [...(input.groups ?? [])],
    iamRolesToOverride: [...(input.iamRoles ?? [])],
    preferredRole: input.preferredRole ?? null,
  };
  const userAttributes = { ...input.userAttributes };
  const v = input.eventVersion ?? 'V1_0';
  if (v === 'V1_0') {
    return {
      ...header(input, input.triggerSource, '1'),
      version: '1',
      request: withClientMetadata({ userAttributes, groupConfiguration }, input.clientMetadata),
      response: { claimsOverrideDetails: null },
    };
  }
  const version = v === 'V2_0' ? '2' : '3';
  return {
    ...header(input, input.triggerSource, version),
    version,
    request: withClientMetadata({ userAttributes, scopes: [...(input.scopes ?? [])], groupConfiguration }, input.clientMetadata),
    response: { claimsAndScopeOverrideDetails: null },
  };
}

// ---- Custom authentication challenges -------------------------------------------------------

export interface ChallengeResult {
  challengeName: string;
  challengeResult: boolean;
  challengeMetadata?: string;
}

interface ChallengeInput extends CommonInput {
  userAttributes: StringMap;
  clientMetadata?: StringMap;
  /** Set when the pool prevents user-existence errors and the user does not exist. */
  userNotFound?: boolean;
}

function challengeRequest<R extends object>(base: R, input: ChallengeInput): R & { clientMetadata?: StringMap; userNotFound?: boolean } {
  const r: R & { clientMetadata?: StringMap; userNotFound?: boolean } = withClientMetadata(base, input.clientMetadata);
  if (input.userNotFound !== undefined) r.userNotFound = input.userNotFound;
  return r;
}

export interface DefineAuthChallengeEvent extends EventHeader<'DefineAuthChallenge_Authentication'> {
  request: { userAttributes: StringMap; session: ChallengeResult[]; clientMetadata?: StringMap; userNotFound?: boolean };
  response: { challengeName: string | null; issueTokens: boolean | null; failAuthentication: boolean | null };
}

export function defineAuthChallengeEvent(input: ChallengeInput & { session: ChallengeResult[] }): DefineAuthChallengeEvent {
  return {
    ...header(input, 'DefineAuthChallenge_Authentication'),
    request: challengeRequest({ userAttributes: { ...input.userAttributes }, session: input.session.map((s) => ({ ...s })) }, input),
    response: { challengeName: null, issueTokens: null, failAuthentication: null },
  };
}

export interface CreateAuthChallengeEvent extends EventHeader<'CreateAuthChallenge_Authentication'> {
  request: { userAttributes: StringMap; challengeName: string; session: ChallengeResult[]; clientMetadata?: StringMap; userNotFound?: boolean };
  response: { publicChallengeParameters: StringMap | null; privateChallengeParameters: StringMap | null; challengeMetadata: string | null };
}

export function createAuthChallengeEvent(input: ChallengeInput & { challengeName: string; session: ChallengeResult[] }): CreateAuthChallengeEvent {
  return {
    ...header(input, 'CreateAuthChallenge_Authentication'),
    request: challengeRequest(
      { userAttributes: { ...input.userAttributes }, challengeName: input.challengeName, session: input.session.map((s) => ({ ...s })) },
      input,
    ),
    response: { publicChallengeParameters: null, privateChallengeParameters: null, challengeMetadata: null },
  };
}

export interface VerifyAuthChallengeResponseEvent extends EventHeader<'VerifyAuthChallengeResponse_Authentication'> {
  request: {
    userAttributes: StringMap;
    privateChallengeParameters: StringMap;
    challengeAnswer: string;
    clientMetadata?: StringMap;
    userNotFound?: boolean;
  };
  response: { answerCorrect: boolean | null };
}

export function verifyAuthChallengeResponseEvent(
  input: ChallengeInput & { privateChallengeParameters: StringMap; challengeAnswer: string },
): VerifyAuthChallengeResponseEvent {
  return {
    ...header(input, 'VerifyAuthChallengeResponse_Authentication'),
    request: challengeRequest(
      {
        userAttributes: { ...input.userAttributes },
        privateChallengeParameters: { ...input.privateChallengeParameters },
        challengeAnswer: input.challengeAnswer,
      },
      input,
    ),
    response: { answerCorrect: null },
  };
}
