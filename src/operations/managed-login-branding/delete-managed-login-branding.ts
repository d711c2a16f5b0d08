import type { DeleteManagedLoginBrandingRequest } from '@aws-sdk/client-cognito-identity-provider';
import { brandingNotFound } from '../../errors/index.ts';
import { poolOperation } from '../operation.ts';

export default poolOperation<DeleteManagedLoginBrandingRequest, object, 'store'>(
  'DeleteManagedLoginBranding',
  async ({ store }, input, ctx) => {
    if (!(await store.managedLoginBrandings.delete(ctx.pool.id, input.ManagedLoginBrandingId!))) throw brandingNotFound();
    return {};
  },
);
