import { incorrectCredentials } from '../errors/index.ts';
import { passwordToCheck, resealAfterSignIn } from '../services/passwords/sealed.ts';
import { openState, verifyClaim } from '../services/passwords/srp.ts';
import type { AuthAnswer, FlowContext } from './context.ts';
import { continueCustomAuth } from './custom-auth.ts';
import { checkLockout, clearFailures, recordFailure } from './lockout.ts';
import { required } from './parameters.ts';
import { takeSession } from './session.ts';
import { afterPassword, checkUsable, sessionUser } from './sign-in.ts';
import { sealKey, type SrpState } from './srp-challenge.ts';

/** RespondToAuthChallenge PASSWORD_VERIFIER: checks PASSWORD_CLAIM_SIGNATURE. */
export async function srpVerify(fc: FlowContext, responses: Record<string, string> | undefined): Promise<AuthAnswer> {
  const username = required(responses, 'USERNAME');
  const secretBlock = required(responses, 'PASSWORD_CLAIM_SECRET_BLOCK');
  const signature = required(responses, 'PASSWORD_CLAIM_SIGNATURE');
  const timestamp = required(responses, 'TIMESTAMP');
  const session = await takeSession(fc, secretBlock, 'PASSWORD_VERIFIER');
  const state = session.state as unknown as SrpState;
  if (state.fake) throw incorrectCredentials();
  const { store, clock } = fc.deps;
  const user = await sessionUser(fc, session.sub, username);
  checkLockout(user, clock.now());
  const opened = openState<{ b: string }>(sealKey(secretBlock), state.sealedB);
  const password = passwordToCheck(fc.deps.sealer, fc.ctx.log, user);
  const result = opened && password
    ? verifyClaim({
        poolId: fc.pool.id, userIdForSrp: state.userIdForSrp, salt: password.srpSalt, verifier: password.srpVerifier,
        b: opened.b, B: state.B, A: state.A, secretBlock, timestamp, signature, now: new Date(clock.now()),
      })
    : ({ ok: false, reason: 'bad-signature' } as const);
  if (!result.ok) {
    // Only a wrong proof counts towards the lockout; a malformed A or a stale timestamp does not.
    if (result.reason === 'bad-signature') await recordFailure(store, fc.pool, user.sub, clock.now());
    throw incorrectCredentials();
  }
  if (state.custom) {
    checkUsable(user);
    const signedIn = await resealAfterSignIn(store, fc.deps.sealer, fc.pool, await clearFailures(store, fc.pool, user));
    return continueCustomAuth(fc, signedIn, [...state.custom, { challengeName: 'PASSWORD_VERIFIER', challengeResult: true }], { clientMetadata: fc.clientMetadata });
  }
  return afterPassword(fc, user, fc.clientMetadata);
}
