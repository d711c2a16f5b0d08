import type { UpdateManagedLoginBrandingRequest } from '@aws-sdk/client-cognito-identity-provider';
import { describeBranding, mergeBranding, type BrandingInput } from '../../domain/managed-login-branding.ts';
import { brandingDefaultsExclusive, brandingNotFound, missingParameter } from '../../errors/index.ts';
import { poolOperation } from '../operation.ts';

type Input = Pick<UpdateManagedLoginBrandingRequest, 'UserPoolId' | 'ManagedLoginBrandingId'> & BrandingInput;

/** What the request names replaces what the style had; the rest stays (mergeBranding). */
export default poolOperation<Input, object, 'store' | 'clock'>(
  'UpdateManagedLoginBranding',
  async ({ store, clock }, input, ctx) => {
    // The model leaves both ids optional, yet nothing else names the style.
    if (input.ManagedLoginBrandingId === undefined) throw missingParameter('ManagedLoginBrandingId');
    if (input.UseCognitoProvidedValues === true && (input.Settings !== undefined || input.Assets !== undefined)) throw brandingDefaultsExclusive();
    const updated = await store.transaction(async (tx) => {
      const current = await tx.managedLoginBrandings.get(ctx.pool.id, input.ManagedLoginBrandingId!);
      if (!current) throw brandingNotFound();
      const next = mergeBranding(current, input, clock.now());
      if (!(await tx.managedLoginBrandings.update(next))) throw brandingNotFound();
      return next;
    });
    return { ManagedLoginBranding: describeBranding(updated) };
  },
);
