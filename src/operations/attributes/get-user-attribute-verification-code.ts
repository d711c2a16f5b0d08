import type { GetUserAttributeVerificationCodeRequest, GetUserAttributeVerificationCodeResponse } from '@aws-sdk/client-cognito-identity-provider';
import { verifiableMedium } from '../../domain/attributes.ts';
import type { Wire } from '../../domain/wire.ts';
import { noValueForAttribute } from '../../errors/index.ts';
import { requireActiveStatus } from '../../services/directory/users.ts';
import { userOperation } from '../operation.ts';

/**
 * A signed-in user asks for a code for one of their attributes: it goes to the attribute's current
 * value (while an update is pending, still the current one), shaped by the pool's CustomMessage
 * function with the request's ClientMetadata, and the answer says where it went, masked.
 */
export default userOperation<GetUserAttributeVerificationCodeRequest, Wire<GetUserAttributeVerificationCodeResponse>, 'delivery'>(
  'GetUserAttributeVerificationCode',
  async (deps, input, ctx) => {
    const { pool, client, user } = ctx;
    requireActiveStatus(user);
    const attribute = input.AttributeName!;
    const medium = verifiableMedium(attribute);
    const destination = user.attributes[attribute];
    if (!destination) throw noValueForAttribute(attribute);
    const CodeDeliveryDetails = await deps.delivery.sendCode({
      pool, user, clientId: client.clientId, purpose: 'attribute-verification', attribute, medium, destination,
      occasion: 'VerifyUserAttribute', clientMetadata: input.ClientMetadata,
    }, ctx);
    return { CodeDeliveryDetails };
  },
);
