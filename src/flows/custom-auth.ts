/**
 * CUSTOM_AUTH: the pool's functions run the sign-in. DefineAuthChallenge reads the challenges so
 * far and decides (issue tokens, fail, or another challenge); CreateAuthChallenge makes a
 * CUSTOM_CHALLENGE (public parameters to the client, private ones kept in the session);
 * VerifyAuthChallengeResponse judges the answer. Starting with SRP_A (CHALLENGE_NAME=SRP_A, as
 * amazon-cognito-identity-js and Amplify do for "custom with SRP") lets Define ask for
 * PASSWORD_VERIFIER first.
 */
import type { UserRecord } from '../domain/user.ts';
import { customAuthNotConfigured, incorrectCredentials, missingParameter, unrecognizableLambdaOutput } from '../errors/index.ts';
import { findUser } from '../services/directory/users.ts';
import { createAuthChallengeEvent, defineAuthChallengeEvent, verifyAuthChallengeResponseEvent, type ChallengeResult } from '../services/triggers/index.ts';
import { eventAttributes, eventHeader, type AuthAnswer, type FlowContext } from './context.ts';
import { required } from './parameters.ts';
import { newSession, takeSession } from './session.ts';
import { checkUsable, finishSignIn, sessionUser, unknownUser } from './sign-in.ts';
import { srpChallenge } from './srp-challenge.ts';
import { preAuthentication } from './triggers.ts';

interface CustomState {
  history: ChallengeResult[];
  privateChallengeParameters: Record<string, string>;
  challengeMetadata?: string;
}

/** InitiateAuth CUSTOM_AUTH. */
export async function customStart(fc: FlowContext, userName: string, params: Record<string, string> | undefined): Promise<AuthAnswer> {
  if (!fc.pool.config.LambdaConfig?.DefineAuthChallenge) throw customAuthNotConfigured();
  const user = await findUser(fc.deps.store, fc.pool, userName);
  if (!user) throw unknownUser(fc);
  await preAuthentication(fc, user, userName, fc.clientMetadata);
  checkUsable(user);
  const srpA = params?.CHALLENGE_NAME === 'SRP_A' ? required(params, 'SRP_A') : undefined;
  const history: ChallengeResult[] = srpA ? [{ challengeName: 'SRP_A', challengeResult: true }] : [];
  // InitiateAuth's ClientMetadata goes to PreAuthentication only, as in Cognito.
  return continueCustomAuth(fc, user, history, { srpA });
}

/** Asks DefineAuthChallenge what comes next, and does it. */
export async function continueCustomAuth(
  fc: FlowContext,
  user: UserRecord,
  history: ChallengeResult[],
  o: { srpA?: string; clientMetadata?: Record<string, string> },
): Promise<AuthAnswer> {
  const lambda = fc.pool.config.LambdaConfig ?? {};
  if (!lambda.DefineAuthChallenge) throw customAuthNotConfigured();
  const common = { ...eventHeader(fc, user.username), userAttributes: eventAttributes(user), clientMetadata: o.clientMetadata };
  const defined = await fc.deps.triggers.invoke(lambda.DefineAuthChallenge, defineAuthChallengeEvent({ ...common, session: history }));
  const r = defined.response;
  if (r.issueTokens === true) return finishSignIn(fc, user, 'TokenGeneration_Authentication', o.clientMetadata);
  if (r.failAuthentication === true) throw incorrectCredentials();
  if (r.challengeName === 'PASSWORD_VERIFIER') {
    if (!o.srpA) throw missingParameter('SRP_A');
    return srpChallenge(fc, user, user.username, o.srpA, history);
  }
  if (r.challengeName !== 'CUSTOM_CHALLENGE') throw unrecognizableLambdaOutput();
  if (!lambda.CreateAuthChallenge) throw customAuthNotConfigured();
  const created = await fc.deps.triggers.invoke(lambda.CreateAuthChallenge, createAuthChallengeEvent({ ...common, challengeName: 'CUSTOM_CHALLENGE', session: history }));
  const c = created.response;
  const state: CustomState = { history, privateChallengeParameters: c.privateChallengeParameters ?? {} };
  if (c.challengeMetadata) state.challengeMetadata = c.challengeMetadata;
  const Session = await newSession(fc, { sub: user.sub, challenge: 'CUSTOM_CHALLENGE', state: state as unknown as Record<string, unknown> });
  return { ChallengeName: 'CUSTOM_CHALLENGE', Session, ChallengeParameters: { ...(c.publicChallengeParameters ?? {}), USERNAME: user.username } };
}

/** RespondToAuthChallenge CUSTOM_CHALLENGE: VerifyAuthChallengeResponse judges ANSWER, then Define decides. */
export async function customRespond(fc: FlowContext, sessionToken: string | undefined, responses: Record<string, string> | undefined): Promise<AuthAnswer> {
  const username = required(responses, 'USERNAME');
  const answer = required(responses, 'ANSWER');
  const session = await takeSession(fc, sessionToken, 'CUSTOM_CHALLENGE');
  const state = session.state as unknown as CustomState;
  const user = await sessionUser(fc, session.sub, username);
  checkUsable(user);
  const arn = fc.pool.config.LambdaConfig?.VerifyAuthChallengeResponse;
  let correct = false;
  if (arn) {
    const verified = await fc.deps.triggers.invoke(
      arn,
      verifyAuthChallengeResponseEvent({
        ...eventHeader(fc, user.username), userAttributes: eventAttributes(user), clientMetadata: fc.clientMetadata,
        privateChallengeParameters: state.privateChallengeParameters, challengeAnswer: answer,
      }),
    );
    correct = verified.response.answerCorrect === true;
  }
  const result: ChallengeResult = { challengeName: 'CUSTOM_CHALLENGE', challengeResult: correct };
  if (state.challengeMetadata) result.challengeMetadata = state.challengeMetadata;
  return continueCustomAuth(fc, user, [...state.history, result], { clientMetadata: fc.clientMetadata });
}
