import type { CreateTermsRequest } from '@aws-sdk/client-cognito-identity-provider';
import { checkLinks, describeTerms, type TermsRecord } from '../../domain/terms.ts';
import { termsExists, termsLinksRequired } from '../../errors/index.ts';
import { uuidV4 } from '../../ground/ids.ts';
import { requireClient } from '../../services/directory/clients.ts';
import { StoreConflict } from '../../storage/repositories/conflicts.ts';
import { poolOperation } from '../operation.ts';

/**
 * One terms document of an app client. "Terms document names must be unique to the app client"
 * (botocore's TermsExistsException), and TermsName is terms-of-use or privacy-policy (the model's
 * pattern), so a client holds at most one of each. LINK, the only TermsSource, needs its Links.
 */
export default poolOperation<CreateTermsRequest, object, 'store' | 'clock' | 'random'>(
  'CreateTerms',
  async ({ store, clock, random }, input, ctx) => {
    if (!input.Links || Object.keys(input.Links).length === 0) throw termsLinksRequired();
    const now = clock.now();
    const record: TermsRecord = {
      id: uuidV4(random), poolId: ctx.pool.id, clientId: input.ClientId!, name: input.TermsName!, source: input.TermsSource!, enforcement: input.Enforcement!,
      links: checkLinks(input.Links), createdAt: now, lastModifiedAt: now,
    };
    await store.transaction(async (tx) => {
      await requireClient(tx, ctx.pool.id, record.clientId);
      try {
        await tx.terms.create(record);
      } catch (e) {
        if (e instanceof StoreConflict) throw termsExists(record.name, record.clientId);
        throw e;
      }
    });
    return { Terms: describeTerms(record) };
  },
);
