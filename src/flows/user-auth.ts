/**
 * USER_AUTH, choice-based sign-in (InitiateAuth, AdminInitiateAuth): with PREFERRED_CHALLENGE one
 * the user can use, that first factor starts at once (PASSWORD and PASSWORD_SRP with their PASSWORD
 * or SRP_A); otherwise the SELECT_CHALLENGE challenge lists AvailableChallenges, and its ANSWER
 * (with the same parameters) starts the one chosen. The factors are first-factors.ts's table.
 */
import type { ChallengeNameType } from '@aws-sdk/client-cognito-identity-provider';
import { usernameKey } from '../domain/user.ts';
import { challengeNotAvailable, incorrectCredentials, userNotFound } from '../errors/index.ts';
import { hidesUsers } from '../services/directory/decoys.ts';
import { findUser } from '../services/directory/users.ts';
import type { AuthAnswer, FlowContext } from './context.ts';
import { availableTo, availableToStandIn, FIRST_FACTORS, isFirstFactor, type FirstFactorName } from './first-factors.ts';
import { required } from './parameters.ts';
import { newSession, takeSession } from './session.ts';
import { sessionUser } from './sign-in.ts';

/** What a SELECT_CHALLENGE Session keeps: what was offered, and to which name when no user holds it. */
interface SelectState {
  available: FirstFactorName[];
  standIn?: string;
}

/** InitiateAuth USER_AUTH (USERNAME and SECRET_HASH already checked by the caller). */
export async function userAuthStart(fc: FlowContext, userName: string, params: Record<string, string> | undefined): Promise<AuthAnswer> {
  const user = await findUser(fc.deps.store, fc.pool, userName);
  if (!user && !hidesUsers(fc.client)) throw userNotFound();
  const available = user ? await availableTo(fc, user) : await availableToStandIn(fc, userName);
  // A preferred challenge the user cannot use (or an unknown one) is answered with the choice instead.
  const preferred = params?.PREFERRED_CHALLENGE;
  if (isFirstFactor(preferred) && available.includes(preferred)) return FIRST_FACTORS[preferred].start(fc, userName, params);
  const state: SelectState = user ? { available } : { available, standIn: userName };
  const Session = await newSession(fc, { sub: user?.sub ?? '', challenge: 'SELECT_CHALLENGE', state: { ...state } });
  return { ChallengeName: 'SELECT_CHALLENGE', Session, ChallengeParameters: {}, AvailableChallenges: available as ChallengeNameType[] };
}

/** RespondToAuthChallenge SELECT_CHALLENGE: ANSWER names one of AvailableChallenges. */
export async function selectChallengeRespond(fc: FlowContext, sessionToken: string | undefined, responses: Record<string, string> | undefined): Promise<AuthAnswer> {
  const userName = required(responses, 'USERNAME');
  const answer = required(responses, 'ANSWER');
  const session = await takeSession(fc, sessionToken, 'SELECT_CHALLENGE');
  const state = session.state as unknown as SelectState;
  // The name answering must be the one the choice was offered to.
  if (state.standIn === undefined) await sessionUser(fc, session.sub, userName);
  else if (usernameKey(fc.pool.config, state.standIn) !== usernameKey(fc.pool.config, userName)) throw incorrectCredentials();
  if (!isFirstFactor(answer) || !state.available.includes(answer)) throw challengeNotAvailable(answer);
  return FIRST_FACTORS[answer].start(fc, userName, responses);
}
