import type { GetUICustomizationRequest, GetUICustomizationResponse } from '@aws-sdk/client-cognito-identity-provider';
import { ALL_CLIENTS, describeUICustomization } from '../../domain/ui-customization.ts';
import type { Wire } from '../../domain/wire.ts';
import { requireClient } from '../../services/directory/clients.ts';
import { poolOperation } from '../operation.ts';

/**
 * What the client's pages show: its own customization, else the pool's (answered with ClientId
 * ALL, which says where it comes from). None at all is an empty UICustomization, not an error:
 * Terraform's provider reads "an empty struct if nothing is present" as the customization gone
 * (internal/service/cognitoidp, findUserPoolUICustomizationByTwoPartKey).
 */
export default poolOperation<GetUICustomizationRequest, Wire<GetUICustomizationResponse>, 'store' | 'tokens'>(
  'GetUICustomization',
  async ({ store, tokens }, input, ctx) => {
    const clientId = input.ClientId ?? ALL_CLIENTS;
    if (clientId !== ALL_CLIENTS) await requireClient(store, ctx.pool.id, clientId);
    const found = clientId === ALL_CLIENTS ? await store.uiCustomizations.get(ctx.pool.id, ALL_CLIENTS) : await store.uiCustomizations.forClient(ctx.pool.id, clientId);
    return { UICustomization: found ? describeUICustomization(found, tokens.endpointBase()) : {} };
  },
);
