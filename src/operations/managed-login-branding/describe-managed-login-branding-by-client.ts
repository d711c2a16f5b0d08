import type { DescribeManagedLoginBrandingByClientRequest } from '@aws-sdk/client-cognito-identity-provider';
import { describeBranding } from '../../domain/managed-login-branding.ts';
import { brandingNotFound } from '../../errors/index.ts';
import { requireClient } from '../../services/directory/clients.ts';
import { poolOperation } from '../operation.ts';

/** The style of one app client: an unknown client is the client's ResourceNotFoundException, a client without a style the style's. */
export default poolOperation<DescribeManagedLoginBrandingByClientRequest, object, 'store'>(
  'DescribeManagedLoginBrandingByClient',
  async ({ store }, input, ctx) => {
    await requireClient(store, ctx.pool.id, input.ClientId!);
    const found = await store.managedLoginBrandings.forClient(ctx.pool.id, input.ClientId!);
    if (!found) throw brandingNotFound();
    return { ManagedLoginBranding: describeBranding(found) };
  },
);
