import type { ForgotPasswordRequest, ForgotPasswordResponse } from '@aws-sdk/client-cognito-identity-provider';
import { FORGOT_PASSWORD_CODE, findRecoveryDestination, recoveryByAdministratorOnly, recoveryChannels, recoveryDestination } from '../../domain/recovery.ts';
import { simulatedDelivery } from '../../domain/simulated-delivery.ts';
import type { Wire } from '../../domain/wire.ts';
import { cannotResetInState, resetByAdministratorOnly, userDisabled, userNotFoundForClient } from '../../errors/index.ts';
import { migrateUser } from '../../flows/triggers.ts';
import { checkSecretHash } from '../../services/directory/client-secrets.ts';
import { admitDecoyCode, decoyBytes, hidesUsers } from '../../services/directory/decoys.ts';
import { findUser } from '../../services/directory/users.ts';
import { eventContext } from '../../services/threat/context.ts';
import { clientOperation } from '../operation.ts';
import type { FlowDepName } from '../../flows/context.ts';

/**
 * Sends a code to reset a forgotten password, by the pool's AccountRecoverySetting (through
 * CustomMessage_ForgotPassword or the custom sender). A user the pool does not know may be migrated
 * first by its UserMigration function (UserMigration_ForgotPassword). The user's status does not
 * change. A client that hides whether users exist answers a simulated delivery, as AWS documents,
 * for a user who "isn't found, is deactivated, or doesn't have a verified delivery mechanism".
 * A pool whose AccountRecoverySetting is admin_only resets no password this way, for any name.
 */
export default clientOperation<ForgotPasswordRequest, Wire<ForgotPasswordResponse>, FlowDepName | 'admission'>(
  'ForgotPassword',
  async (deps, input, ctx) => {
    const { pool, client } = ctx;
    checkSecretHash(client, input.Username!, input.SecretHash);
    // The pool's setting, answered alike for every name, user or not, so it tells nothing of users
    // and a client that hides them has nothing to hide here; no UserMigration runs for nothing.
    if (recoveryByAdministratorOnly(pool.config)) throw resetByAdministratorOnly();
    const fc = { deps, ctx, pool, client, admin: false, clientMetadata: input.ClientMetadata, claimed: { userContextData: input.UserContextData } };
    const user = (await findUser(deps.store, pool, input.Username!)) ?? (await migrateUser(fc, input.Username!, { source: 'ForgotPassword' }));
    const reachable = user?.enabled ? findRecoveryDestination(pool.config, user) : undefined;
    if (hidesUsers(client) && !reachable) {
      await admitDecoyCode(deps, pool, input.Username!, FORGOT_PASSWORD_CODE.purpose);
      const seed = await decoyBytes(deps, pool, input.Username!, 'destination');
      return { CodeDeliveryDetails: simulatedDelivery(pool.config, recoveryChannels(pool.config), input.Username!, seed) };
    }
    if (!user) throw userNotFoundForClient();
    if (!user.enabled) throw userDisabled();
    // A user still on an administrator's temporary password has none of their own to reset.
    if (user.status === 'FORCE_CHANGE_PASSWORD') throw cannotResetInState();
    const { medium, destination } = reachable ?? recoveryDestination(pool.config, user);
    const CodeDeliveryDetails = await deps.delivery.sendCode({
      pool, user, clientId: client.clientId, ...FORGOT_PASSWORD_CODE, medium, destination, occasion: 'ForgotPassword', clientMetadata: input.ClientMetadata,
      // A name no user holds is answered at once: so is a user, whose message goes out after.
      answerBeforeDelivery: hidesUsers(client),
    }, ctx);
    const recorded = deps.threat.record(pool, user, 'ForgotPassword', eventContext(ctx, client, { userContextData: input.UserContextData }));
    // A client that hides users answers a user as fast as a name no user holds: the event is not waited for.
    if (hidesUsers(client)) recorded.catch((e: unknown) => ctx.log.warn({ err: e }, 'auth event not recorded'));
    else await recorded;
    return { CodeDeliveryDetails };
  },
);
