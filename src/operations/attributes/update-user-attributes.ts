import type { CodeDeliveryDetailsType, UpdateUserAttributesRequest, UpdateUserAttributesResponse } from '@aws-sdk/client-cognito-identity-provider';
import { checkAttributes, isTrue, VERIFIED_FLAGS, VERIFIABLE } from '../../domain/attributes.ts';
import type { Wire } from '../../domain/wire.ts';
import { checkWritable } from '../../services/directory/clients.ts';
import { updateUser, requireActiveStatus } from '../../services/directory/users.ts';
import { userOperation } from '../operation.ts';

/**
 * A signed-in user changes their attributes. A changed email or phone number either waits for
 * verification (named in UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate: the
 * verified value stays in force, the new one is kept pending and the code goes to it), or changes
 * at once and becomes unverified; either way a code is sent when the pool auto-verifies it.
 */
export default userOperation<UpdateUserAttributesRequest, Wire<UpdateUserAttributesResponse>, 'store' | 'clock' | 'delivery'>(
  'UpdateUserAttributes',
  async (deps, input, ctx) => {
    const { store, clock } = deps;
    const { pool, client, user } = ctx;
    requireActiveStatus(user);
    const changes = input.UserAttributes!;
    checkWritable(client, changes.map((a) => a.Name!));
    checkAttributes(pool.config, changes, 'user-update', user.attributes);
    const requireFirst = new Set<string>(pool.config.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate ?? []);
    const autoVerified = new Set<string>(pool.config.AutoVerifiedAttributes ?? []);
    const toVerify: { attribute: string; value: string }[] = [];

    const updated = await updateUser(store, pool, user.sub, (u) => {
      const attributes = { ...u.attributes };
      const pending = { ...u.pending };
      toVerify.length = 0;
      for (const { Name, Value } of changes) {
        const name = Name!;
        const value = Value ?? '';
        if (!VERIFIABLE[name]) {
          attributes[name] = value;
          continue;
        }
        const flag = VERIFIED_FLAGS[name];
        if (value === attributes[name]) {
          // Setting the value in force again drops a pending change.
          delete pending[name];
          continue;
        }
        if (requireFirst.has(name) && attributes[name] && isTrue(attributes[flag])) {
          pending[name] = value;
        } else {
          attributes[name] = value;
          attributes[flag] = 'false';
          delete pending[name];
        }
        if (autoVerified.has(name) && value) toVerify.push({ attribute: name, value });
      }
      return { ...u, attributes, pending };
    }, clock.now());

    const CodeDeliveryDetailsList: Wire<CodeDeliveryDetailsType>[] = [];
    for (const { attribute, value } of toVerify) {
      CodeDeliveryDetailsList.push(
        await deps.delivery.sendCode({
          pool, user: updated, clientId: client.clientId, purpose: 'attribute-verification', attribute, medium: VERIFIABLE[attribute],
          destination: value, occasion: 'UpdateUserAttribute', clientMetadata: input.ClientMetadata,
        }, ctx),
      );
    }
    return CodeDeliveryDetailsList.length ? { CodeDeliveryDetailsList } : {};
  },
);
