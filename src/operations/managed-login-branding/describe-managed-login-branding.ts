import type { DescribeManagedLoginBrandingRequest } from '@aws-sdk/client-cognito-identity-provider';
import { describeBranding } from '../../domain/managed-login-branding.ts';
import { brandingNotFound } from '../../errors/index.ts';
import { poolOperation } from '../operation.ts';

/** A style by its id; ReturnMergedResources answers the same (describeBranding says why). */
export default poolOperation<DescribeManagedLoginBrandingRequest, object, 'store'>(
  'DescribeManagedLoginBranding',
  async ({ store }, input, ctx) => {
    const found = await store.managedLoginBrandings.get(ctx.pool.id, input.ManagedLoginBrandingId!);
    if (!found) throw brandingNotFound();
    return { ManagedLoginBranding: describeBranding(found) };
  },
);
