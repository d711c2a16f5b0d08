import { incorrectCredentials } from '../errors/index.ts';
import { hidesUsers } from '../services/directory/decoys.ts';
import { passwordToCheck, renewAfterSignIn } from '../services/passwords/sealed.ts';
import { openState, verifyClaim } from '../services/passwords/srp.ts';
import type { AuthAnswer, FlowContext } from './context.ts';
import { continueCustomAuth } from './custom-auth.ts';
import { countedCheck, type Attempter } from './lockout.ts';
import { takeSession } from './session.ts';
import { recordFailedPassword } from './further-steps.ts';
import { afterPassword, checkUsable, sessionUser } from './sign-in.ts';
import { claimResponses, sealKey, type SrpState } from './srp-challenge.ts';

/** RespondToAuthChallenge PASSWORD_VERIFIER: checks PASSWORD_CLAIM_SIGNATURE. */
export async function srpVerify(fc: FlowContext, responses: Record<string, string> | undefined): Promise<AuthAnswer> {
  const { username, secretBlock, signature, timestamp } = claimResponses(responses);
  const session = await takeSession(fc, secretBlock, 'PASSWORD_VERIFIER');
  const state = session.state as unknown as SrpState;
  const { store, clock } = fc.deps;
  // A decoy is worked out and counted as a real exchange is, against its made-up verifier, so that
  // neither the answer nor its time tells it apart; then refused.
  const user = state.fake?.unknownName === undefined ? await sessionUser(fc, session.sub, username) : undefined;
  const who: Attempter = user ? { sub: user.sub } : { unknownName: state.fake!.unknownName! };
  const opened = openState<{ b: string }>(sealKey(secretBlock), state.sealedB);
  // A user's verifier is opened before anything counts: a record no configured key opens is not the user's fault.
  const verifier = state.fake?.verifier ?? passwordToCheck(fc.deps.sealer, fc.ctx.log, user!)?.srpVerifier;
  const result = opened && verifier
    ? verifyClaim({
        poolId: fc.pool.id, userIdForSrp: state.userIdForSrp, salt: user?.password?.srpSalt ?? '', verifier,
        b: opened.b, B: state.B, A: state.A, secretBlock, timestamp, signature, now: new Date(clock.now()),
      })
    : ({ ok: false, reason: 'bad-signature' } as const);
  // Only a proof counts towards the lockout; a malformed A or a stale timestamp does not. The
  // proof is worked out first (no slow hash to spare), but its answer waits for the count.
  if (!result.ok && result.reason !== 'bad-signature') throw incorrectCredentials();
  const right = await countedCheck(store, fc.pool, who, clock.now(), () => result.ok && !state.fake);
  if (!right && user) await recordFailedPassword(fc, user);
  if (!right || !user) throw incorrectCredentials();
  // AWS, with PreventUserExistenceErrors: a user whose password must be reset is answered as a wrong password.
  if (user.status === 'RESET_REQUIRED' && hidesUsers(fc.client)) throw incorrectCredentials();
  if (state.custom) {
    checkUsable(user);
    const signedIn = await renewAfterSignIn(store, fc.deps, fc.pool, user);
    return continueCustomAuth(fc, signedIn, [...state.custom, { challengeName: 'PASSWORD_VERIFIER', challengeResult: true }], { clientMetadata: fc.clientMetadata });
  }
  return afterPassword(fc, user, fc.clientMetadata);
}
