import type { ResendConfirmationCodeRequest, ResendConfirmationCodeResponse } from '@aws-sdk/client-cognito-identity-provider';
import { autoVerifiedChannels, simulatedDelivery } from '../../domain/simulated-delivery.ts';
import type { Wire } from '../../domain/wire.ts';
import { alreadyConfirmed, autoVerificationOff, nothingToResendTo, userNotFoundForClient } from '../../errors/index.ts';
import { checkSecretHash } from '../../services/directory/client-secrets.ts';
import { admitDecoyCode, decoyBytes, hidesUsers } from '../../services/directory/decoys.ts';
import { findUser, updateUser } from '../../services/directory/users.ts';
import { clientOperation } from '../operation.ts';
import { eventContext } from '../../services/threat/context.ts';
import { confirmationTarget, sendConfirmationCode, sentTo, withSentTo } from './steps.ts';

export default clientOperation<ResendConfirmationCodeRequest, Wire<ResendConfirmationCodeResponse>, 'store' | 'clock' | 'random' | 'delivery' | 'admission' | 'threat'>(
  'ResendConfirmationCode',
  async (deps, input, ctx) => {
    const { store, clock } = deps;
    const { client, pool } = ctx;
    checkSecretHash(client, input.Username!, input.SecretHash);
    const hiding = hidesUsers(client);
    // What holds for the whole pool is answered alike for every name.
    if (hiding && !pool.config.AutoVerifiedAttributes?.length) throw autoVerificationOff();
    let user = await findUser(store, pool, input.Username!);
    const target = user && confirmationTarget(pool.config, user.attributes);
    // AWS: "CodeDeliveryDetails for a disabled user or a user that doesn't exist" (and, here, for
    // one with nowhere to send a code), made up as a real one looks.
    if (hiding && (!user?.enabled || (user.status === 'UNCONFIRMED' && !target))) {
      await admitDecoyCode(deps, pool, input.Username!, 'sign-up');
      const seed = await decoyBytes(deps, pool, input.Username!, 'destination');
      return { CodeDeliveryDetails: simulatedDelivery(pool.config, autoVerifiedChannels(pool.config), input.Username!, seed) };
    }
    if (!user) throw userNotFoundForClient();
    if (user.status !== 'UNCONFIRMED') throw alreadyConfirmed();
    if (!pool.config.AutoVerifiedAttributes?.length) throw autoVerificationOff();
    if (!target) throw nothingToResendTo();

    // The new code replaces the previous one (same code key); record where it goes when that changed.
    const sent = sentTo(user);
    if (sent?.attribute !== target.attribute || sent.value !== target.destination) {
      user = await updateUser(store, pool, user.sub, (u) => ({ ...u, settings: withSentTo(u.settings, target) }), clock.now());
    }
    // A name no user holds is answered at once: so is a user, whose message goes out after.
    const details = await sendConfirmationCode(deps, ctx, { pool, user, client, target, occasion: 'ResendCode', clientMetadata: input.ClientMetadata, answerBeforeDelivery: hiding });
    const recorded = deps.threat.record(pool, user, 'ResendCode', eventContext(ctx, client, { userContextData: input.UserContextData }));
    // A client that hides users answers a user as fast as a name no user holds: the event is not waited for.
    if (hiding) recorded.catch((e: unknown) => ctx.log.warn({ err: e }, 'auth event not recorded'));
    else await recorded;
    return { CodeDeliveryDetails: details };
  },
);
