/**
 * What a right second-factor code sent by SMS or email does to the user besides letting the
 * sign-in go on. AWS: "Amazon Cognito can send messages to unverified email addresses and phone
 * numbers. When a user completes their first MFA, Amazon Cognito marks their email address or phone
 * number as verified." (developer guide, user-pool-settings-mfa-sms-email-message). And an address
 * set up in MFA_SETUP (mfa-email-setup.ts) becomes the user's email address, verified, with email
 * MFA turned on: the code proved the user reads it.
 */
import { VERIFIED_FLAGS, isVerified } from '../domain/attributes.ts';
import { MFA_FACTORS, userMfa } from '../domain/mfa.ts';
import type { UserRecord } from '../domain/user.ts';
import { CognitoError } from '../errors/index.ts';
import { updateUser } from '../services/directory/users.ts';
import type { FlowContext } from './context.ts';
import { ATTRIBUTE, type CodeChallengeState } from './one-time-codes.ts';

/** The user after a right MFA code of the challenge whose Session kept `state`. */
export async function afterRightMfaCode(fc: FlowContext, user: UserRecord, state: CodeChallengeState): Promise<UserRecord> {
  const attribute = ATTRIBUTE[state.medium];
  const flag = VERIFIED_FLAGS[attribute];
  const now = fc.deps.clock.now();
  if (state.setup && state.destination) {
    const address = state.destination;
    // Another user signing in with the address (an alias or username attribute) refuses it here, as
    // UpdateUserAttributes would (AliasExistsException).
    return updateUser(fc.deps.store, fc.pool, user.sub, (u) => {
      const mfa = userMfa(u);
      const list = new Set([...(mfa.UserMFASettingList ?? []), 'EMAIL_OTP' as const]);
      return {
        ...u,
        attributes: { ...u.attributes, [attribute]: address, [flag]: 'true' },
        settings: { ...u.settings, UserMFASettingList: MFA_FACTORS.filter((f) => list.has(f)), PreferredMfaSetting: mfa.PreferredMfaSetting ?? 'EMAIL_OTP' },
      };
    }, now);
  }
  // Only the value the code went to is verified: one changed since then is not.
  if (!state.destination || user.attributes[attribute] !== state.destination || isVerified(user.attributes, attribute)) return user;
  try {
    return await updateUser(fc.deps.store, fc.pool, user.sub, (u) =>
      u.attributes[attribute] === state.destination ? { ...u, attributes: { ...u.attributes, [flag]: 'true' } } : u, now);
  } catch (e) {
    // Another user signs in with this number or address, verified: it stays theirs, and this
    // user's stays unverified (the sign-in itself goes on).
    if (e instanceof CognitoError && e.type === 'AliasExistsException') return user;
    throw e;
  }
}
