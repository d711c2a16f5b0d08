import type { SignUpRequest, SignUpResponse } from '@aws-sdk/client-cognito-identity-provider';
import { checkAttributes, checkRequired, toAttributeMap, VERIFIED_FLAGS } from '../../domain/attributes.ts';
import { newSub, newUserIdentity } from '../../domain/new-user.ts';
import { checkPasswordPolicy } from '../../domain/password.ts';
import { usernameKey, type UserRecord } from '../../domain/user.ts';
import { compact, type Wire } from '../../domain/wire.ts';
import { autoVerifyWithoutConfirm, passwordRequired, signUpNotPermitted } from '../../errors/index.ts';
import { signUpSession } from '../../flows/sign-up-session.ts';
import { checkSecretHash } from '../../services/directory/client-secrets.ts';
import { checkWritable } from '../../services/directory/clients.ts';
import { createUser, keyConflictError } from '../../services/directory/users.ts';
import { passwordRecord } from '../../services/passwords/record.ts';
import { eventContext } from '../../services/threat/context.ts';
import { eventCaller } from '../../services/triggers/caller.ts';
import { preSignUpEvent } from '../../services/triggers/index.ts';
import { clientOperation } from '../operation.ts';
import { confirmationTarget, passwordlessAllowed, postConfirmation, sendConfirmationCode, withSentTo } from './steps.ts';

export default clientOperation<SignUpRequest, Wire<SignUpResponse>, 'store' | 'clock' | 'random' | 'sealer' | 'passwordHasher' | 'delivery' | 'triggers' | 'threat'>('SignUp', async (deps, input, ctx) => {
  const { store, clock, random, sealer, passwordHasher } = deps;
  const { client, pool } = ctx;
  checkSecretHash(client, input.Username!, input.SecretHash);
  if (pool.config.AdminCreateUserConfig?.AllowAdminCreateUserOnly) throw signUpNotPermitted();

  const given = input.UserAttributes ?? [];
  checkWritable(client, given.map((a) => a.Name!));
  checkAttributes(pool.config, given, 'sign-up');
  const sub = newSub(random);
  const identity = newUserIdentity(pool.config, input.Username!, toAttributeMap(given), sub);
  const attributes: Record<string, string> = { sub, ...identity.attributes };
  // Only a verification (or the PreSignUp function) verifies: a user cannot sign up as verified.
  for (const [attr, flag] of Object.entries(VERIFIED_FLAGS)) {
    delete attributes[flag];
    if (attributes[attr]) attributes[flag] = 'false';
  }
  checkRequired(pool.config, attributes);
  if (input.Password) checkPasswordPolicy(pool.config, input.Password);
  else if (!passwordlessAllowed(pool.config)) throw passwordRequired();
  // Threat protection: a known-breached password is refused (ENFORCED, BLOCK) before anything runs.
  const compromised = input.Password ? await deps.threat.checkNewPassword(pool, client.clientId, 'SIGN_UP', input.Password) : false;
  // Refused before the PreSignUp function runs; createUser checks again atomically.
  if (await store.users.getByUsername(pool.id, usernameKey(pool.config, identity.username))) throw keyConflictError(pool.config, 'username', 'sign-up');

  let confirmed = false;
  const preSignUp = pool.config.LambdaConfig?.PreSignUp;
  if (preSignUp) {
    const { response } = await deps.triggers.invoke(
      preSignUp,
      preSignUpEvent({
        triggerSource: 'PreSignUp_SignUp',
        ...eventCaller(pool, identity.username, client.clientId, ctx.userAgent),
        userAttributes: attributes,
        validationData: input.ValidationData?.length ? toAttributeMap(input.ValidationData) : null,
        clientMetadata: input.ClientMetadata,
      }),
    );
    if ((response.autoVerifyEmail || response.autoVerifyPhone) && !response.autoConfirmUser) {
      throw autoVerifyWithoutConfirm();
    }
    confirmed = response.autoConfirmUser;
    if (response.autoVerifyEmail && attributes.email) attributes.email_verified = 'true';
    if (response.autoVerifyPhone && attributes.phone_number) attributes.phone_number_verified = 'true';
  }

  const now = clock.now();
  const target = confirmed ? undefined : confirmationTarget(pool.config, attributes);
  const user: UserRecord = {
    poolId: pool.id, sub, username: identity.username,
    status: confirmed ? 'CONFIRMED' : 'UNCONFIRMED', enabled: true,
    attributes, pending: {},
    password: input.Password ? await passwordRecord(pool, { username: identity.username }, input.Password, { random, sealer, passwordHasher, now }) : null,
    settings: withSentTo({}, target),
    createdAt: now, lastModifiedAt: now, version: 1,
  };
  await createUser(store, pool, user, 'sign-up');
  await deps.threat.record(pool, user, 'SignUp', eventContext(ctx, client, { userContextData: input.UserContextData }), { compromised });

  // The user exists from here on: a failed delivery is reported, and ResendConfirmationCode can try again.
  const details = target ? await sendConfirmationCode(deps, ctx, { pool, user, client, target, occasion: 'SignUp', clientMetadata: input.ClientMetadata }) : undefined;
  if (confirmed) await postConfirmation(deps, ctx, { pool, client, user, clientMetadata: input.ClientMetadata });
  // For ConfirmSignUp, to sign in right after it (flows/sign-up-session.ts).
  const Session = await signUpSession({ deps, pool, client }, user);
  return compact({ UserConfirmed: confirmed, CodeDeliveryDetails: details, UserSub: sub, Session });
});
