import type { ResendConfirmationCodeRequest, ResendConfirmationCodeResponse } from '@aws-sdk/client-cognito-identity-provider';
import { invalidParameter } from '../../errors/cognito-error.ts';
import { findUser, updateUser } from '../../services/directory/users.ts';
import type { Wire } from '../../domain/wire.ts';
import { checkSecretHash } from '../../services/directory/client-secrets.ts';
import { confirmationTarget, sendConfirmationCode, sentTo, userNotFoundForClient, withSentTo } from './steps.ts';
import { clientOperation } from '../operation.ts';

export default clientOperation<ResendConfirmationCodeRequest, Wire<ResendConfirmationCodeResponse>, 'store' | 'clock' | 'delivery'>(
  'ResendConfirmationCode',
  async (deps, input, ctx) => {
    const { store, clock } = deps;
    const { client, pool } = ctx;
    checkSecretHash(client, input.Username!, input.SecretHash);
    let user = await findUser(store, pool, input.Username!);
    if (!user) throw userNotFoundForClient();
    if (user.status !== 'UNCONFIRMED') throw invalidParameter('User is already confirmed.');
    if (!pool.config.AutoVerifiedAttributes?.length) throw invalidParameter('Cannot resend codes. Auto verification not turned on.');
    const target = confirmationTarget(pool.config, user.attributes);
    if (!target) throw invalidParameter('Cannot resend codes. The user has no email address or phone number that this user pool verifies.');

    // The new code replaces the previous one (same code key); record where it goes when that changed.
    const sent = sentTo(user);
    if (sent?.attribute !== target.attribute || sent.value !== target.destination) {
      user = await updateUser(store, pool, user.sub, (u) => ({ ...u, settings: withSentTo(u.settings, target) }), clock.now());
    }
    const details = await sendConfirmationCode(deps, ctx, { pool, user, client, target, occasion: 'ResendCode', clientMetadata: input.ClientMetadata });
    return { CodeDeliveryDetails: details };
  },
);
