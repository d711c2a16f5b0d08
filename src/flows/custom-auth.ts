/**
 * CUSTOM_AUTH: the pool's functions run the sign-in. DefineAuthChallenge reads the challenges so
 * far and decides (issue tokens, fail, or another challenge); CreateAuthChallenge makes a
 * CUSTOM_CHALLENGE (public parameters to the client, private ones kept in the session);
 * VerifyAuthChallengeResponse judges the answer. Starting with SRP_A (CHALLENGE_NAME=SRP_A, as
 * amazon-cognito-identity-js and Amplify do for "custom with SRP") lets Define ask for
 * PASSWORD_VERIFIER first.
 */
import type { UserRecord } from '../domain/user.ts';
import { customAuthNotConfigured, incorrectCredentials, missingParameter, unrecognizableLambdaOutput, userNotFound } from '../errors/index.ts';
import { hidesUsers } from '../services/directory/decoys.ts';
import { findUser } from '../services/directory/users.ts';
import { createAuthChallengeEvent, defineAuthChallengeEvent, verifyAuthChallengeResponseEvent, type ChallengeResult } from '../services/triggers/index.ts';
import { eventAttributes, eventHeader, type AuthAnswer, type FlowContext } from './context.ts';
import { required } from './parameters.ts';
import { newSession, takeSession } from './session.ts';
import { afterFirstFactor } from './further-steps.ts';
import { checkUsable, sessionUser } from './sign-in.ts';
import { checkLockout, countedAnswer } from './lockout.ts';
import { srpChallenge } from './srp-challenge.ts';
import { preAuthentication } from './triggers.ts';

interface CustomState {
  history: ChallengeResult[];
  privateChallengeParameters: Record<string, string>;
  challengeMetadata?: string;
  /** The name signing in, when no user holds it (a client that hides whether users exist). */
  unknownName?: string;
}

/** Who is signing in: a user, or (where the client hides whether users exist) a name no user holds. */
export type Signer = UserRecord | { unknownName: string };

const known = (who: Signer): UserRecord | undefined => ('sub' in who ? who : undefined);

/**
 * The fields every challenge trigger gets about who signs in. AWS: with PreventUserExistenceErrors,
 * `userNotFound` is set (true for a name no user holds) in the events of the define, create and
 * verify functions, "when you examine this indicator ... you can simulate custom authentication
 * challenges for a user that doesn't exist".
 */
function whoFields(fc: FlowContext, who: Signer) {
  return {
    ...eventHeader(fc, 'sub' in who ? who.username : who.unknownName),
    userAttributes: 'sub' in who ? eventAttributes(who) : {},
    ...(hidesUsers(fc.client) ? { userNotFound: !('sub' in who) } : {}),
  };
}

/** InitiateAuth CUSTOM_AUTH. */
export async function customStart(fc: FlowContext, userName: string, params: Record<string, string> | undefined): Promise<AuthAnswer> {
  if (!fc.pool.config.LambdaConfig?.DefineAuthChallenge) throw customAuthNotConfigured();
  const user = await findUser(fc.deps.store, fc.pool, userName);
  if (!user && !hidesUsers(fc.client)) throw userNotFound();
  await preAuthentication(fc, user, userName, fc.clientMetadata);
  if (user) checkUsable(user);
  // Refused while the answers are locked out, before CreateAuthChallenge makes (and perhaps sends) a challenge.
  await checkLockout(fc.deps.store, fc.pool, user ? { sub: user.sub } : { unknownName: userName }, fc.deps.clock.now(), 'answer');
  const srpA = params?.CHALLENGE_NAME === 'SRP_A' ? required(params, 'SRP_A') : undefined;
  const history: ChallengeResult[] = srpA ? [{ challengeName: 'SRP_A', challengeResult: true }] : [];
  // InitiateAuth's ClientMetadata goes to PreAuthentication only, as in Cognito.
  return continueCustomAuth(fc, user ?? { unknownName: userName }, history, { srpA });
}

/** Asks DefineAuthChallenge what comes next, and does it. A name no user holds never gets tokens. */
export async function continueCustomAuth(
  fc: FlowContext,
  who: Signer,
  history: ChallengeResult[],
  o: { srpA?: string; clientMetadata?: Record<string, string> },
): Promise<AuthAnswer> {
  const lambda = fc.pool.config.LambdaConfig ?? {};
  if (!lambda.DefineAuthChallenge) throw customAuthNotConfigured();
  const user = known(who);
  const common = { ...whoFields(fc, who), clientMetadata: o.clientMetadata };
  const defined = await fc.deps.triggers.invoke(lambda.DefineAuthChallenge, defineAuthChallengeEvent({ ...common, session: history }));
  const r = defined.response;
  if (r.issueTokens === true) {
    if (!user) throw incorrectCredentials();
    return afterFirstFactor(fc, user, { source: 'TokenGeneration_Authentication', clientMetadata: o.clientMetadata });
  }
  if (r.failAuthentication === true) throw incorrectCredentials();
  if (r.challengeName === 'PASSWORD_VERIFIER') {
    if (!o.srpA) throw missingParameter('SRP_A');
    return user ? srpChallenge(fc, user, user.username, o.srpA, history) : srpChallenge(fc, undefined, common.userName, o.srpA, history);
  }
  if (r.challengeName !== 'CUSTOM_CHALLENGE') throw unrecognizableLambdaOutput();
  if (!lambda.CreateAuthChallenge) throw customAuthNotConfigured();
  const created = await fc.deps.triggers.invoke(lambda.CreateAuthChallenge, createAuthChallengeEvent({ ...common, challengeName: 'CUSTOM_CHALLENGE', session: history }));
  const c = created.response;
  const state: CustomState = { history, privateChallengeParameters: c.privateChallengeParameters ?? {} };
  if (c.challengeMetadata) state.challengeMetadata = c.challengeMetadata;
  if (!user) state.unknownName = common.userName;
  const Session = await newSession(fc, { sub: user?.sub ?? '', challenge: 'CUSTOM_CHALLENGE', state: state as unknown as Record<string, unknown> });
  return { ChallengeName: 'CUSTOM_CHALLENGE', Session, ChallengeParameters: { ...(c.publicChallengeParameters ?? {}), USERNAME: common.userName } };
}

/** RespondToAuthChallenge CUSTOM_CHALLENGE: VerifyAuthChallengeResponse judges ANSWER, then Define decides. */
export async function customRespond(fc: FlowContext, sessionToken: string | undefined, responses: Record<string, string> | undefined): Promise<AuthAnswer> {
  const username = required(responses, 'USERNAME');
  const answer = required(responses, 'ANSWER');
  const session = await takeSession(fc, sessionToken, 'CUSTOM_CHALLENGE');
  const state = session.state as unknown as CustomState;
  let who: Signer;
  if (state.unknownName === undefined) {
    const user = await sessionUser(fc, session.sub, username);
    checkUsable(user);
    who = user;
  } else {
    if (username !== state.unknownName) throw incorrectCredentials();
    who = { unknownName: state.unknownName };
  }
  const arn = fc.pool.config.LambdaConfig?.VerifyAuthChallengeResponse;
  // Counted before the function judges it, as a password is before its check, so that answers sent
  // at once (each from a sign-in of its own) cannot all be judged: a one-time code a function
  // compares takes five guesses, then a lock that doubles. Names no user holds, under their own.
  const correct = await countedAnswer(fc.deps.store, fc.pool, 'sub' in who ? { sub: who.sub } : who, fc.deps.clock.now(), async () => {
    if (!arn) return false;
    const verified = await fc.deps.triggers.invoke(
      arn,
      verifyAuthChallengeResponseEvent({
        ...whoFields(fc, who), clientMetadata: fc.clientMetadata, privateChallengeParameters: state.privateChallengeParameters, challengeAnswer: answer,
      }),
    );
    return verified.response.answerCorrect === true;
  });
  const result: ChallengeResult = { challengeName: 'CUSTOM_CHALLENGE', challengeResult: correct };
  if (state.challengeMetadata) result.challengeMetadata = state.challengeMetadata;
  return continueCustomAuth(fc, who, [...state.history, result], { clientMetadata: fc.clientMetadata });
}
