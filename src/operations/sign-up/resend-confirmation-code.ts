import type { ResendConfirmationCodeRequest, ResendConfirmationCodeResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { Wire } from '../../domain/wire.ts';
import { alreadyConfirmed, autoVerificationOff, nothingToResendTo, userNotFoundForClient } from '../../errors/index.ts';
import { checkSecretHash } from '../../services/directory/client-secrets.ts';
import { findUser, updateUser } from '../../services/directory/users.ts';
import { clientOperation } from '../operation.ts';
import { confirmationTarget, sendConfirmationCode, sentTo, withSentTo } from './steps.ts';

export default clientOperation<ResendConfirmationCodeRequest, Wire<ResendConfirmationCodeResponse>, 'store' | 'clock' | 'delivery'>(
  'ResendConfirmationCode',
  async (deps, input, ctx) => {
    const { store, clock } = deps;
    const { client, pool } = ctx;
    checkSecretHash(client, input.Username!, input.SecretHash);
    let user = await findUser(store, pool, input.Username!);
    if (!user) throw userNotFoundForClient();
    if (user.status !== 'UNCONFIRMED') throw alreadyConfirmed();
    if (!pool.config.AutoVerifiedAttributes?.length) throw autoVerificationOff();
    const target = confirmationTarget(pool.config, user.attributes);
    if (!target) throw nothingToResendTo();

    // The new code replaces the previous one (same code key); record where it goes when that changed.
    const sent = sentTo(user);
    if (sent?.attribute !== target.attribute || sent.value !== target.destination) {
      user = await updateUser(store, pool, user.sub, (u) => ({ ...u, settings: withSentTo(u.settings, target) }), clock.now());
    }
    const details = await sendConfirmationCode(deps, ctx, { pool, user, client, target, occasion: 'ResendCode', clientMetadata: input.ClientMetadata });
    return { CodeDeliveryDetails: details };
  },
);
