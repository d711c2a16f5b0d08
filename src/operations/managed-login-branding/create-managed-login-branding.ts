import type { CreateManagedLoginBrandingRequest } from '@aws-sdk/client-cognito-identity-provider';
import { boundAssets, checkAssets, describeBranding, settingsText, type BrandingInput, type BrandingRecord } from '../../domain/managed-login-branding.ts';
import { brandingDefaultsExclusive, brandingExists } from '../../errors/index.ts';
import { uuidV4 } from '../../ground/ids.ts';
import { requireClient } from '../../services/directory/clients.ts';
import { StoreConflict } from '../../storage/repositories/conflicts.ts';
import { poolOperation } from '../operation.ts';

type Input = Pick<CreateManagedLoginBrandingRequest, 'UserPoolId' | 'ClientId'> & BrandingInput;

/**
 * A new style for one app client: a second for the same client is ManagedLoginBrandingExistsException.
 * "When you specify true for this option, you must also omit values for Settings and Assets" (the
 * API reference's ManagedLoginBrandingType).
 */
export default poolOperation<Input, object, 'store' | 'clock' | 'random'>(
  'CreateManagedLoginBranding',
  async ({ store, clock, random }, input, ctx) => {
    const defaults = input.UseCognitoProvidedValues === true;
    if (defaults && (input.Settings !== undefined || input.Assets !== undefined)) throw brandingDefaultsExclusive();
    const assets = checkAssets(input.Assets ?? []);
    boundAssets(assets);
    const now = clock.now();
    const record: BrandingRecord = {
      id: uuidV4(random), poolId: ctx.pool.id, clientId: input.ClientId!, useCognitoProvidedValues: defaults,
      settings: input.Settings !== undefined ? settingsText(input.Settings) : null, assets, createdAt: now, lastModifiedAt: now,
    };
    await store.transaction(async (tx) => {
      // In the transaction, so the client cannot go between the check and the write.
      await requireClient(tx, ctx.pool.id, record.clientId);
      if (await tx.managedLoginBrandings.forClient(ctx.pool.id, record.clientId)) throw brandingExists(record.clientId);
      try {
        await tx.managedLoginBrandings.create(record);
      } catch (e) {
        if (e instanceof StoreConflict) throw brandingExists(record.clientId);
        throw e;
      }
    });
    return { ManagedLoginBranding: describeBranding(record) };
  },
);
