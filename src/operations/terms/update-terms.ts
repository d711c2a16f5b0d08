import type { UpdateTermsRequest } from '@aws-sdk/client-cognito-identity-provider';
import { checkLinks, describeTerms, type TermsRecord } from '../../domain/terms.ts';
import { termsExists, termsLinksRequired, termsNotFound } from '../../errors/index.ts';
import { StoreConflict } from '../../storage/repositories/conflicts.ts';
import { poolOperation } from '../operation.ts';

/**
 * What the request names replaces what the terms had (Links as a whole map); renaming them to the
 * name of the client's other terms is TermsExistsException, which the model lists for UpdateTerms.
 */
export default poolOperation<UpdateTermsRequest, object, 'store' | 'clock'>(
  'UpdateTerms',
  async ({ store, clock }, input, ctx) => {
    if (input.Links !== undefined && Object.keys(input.Links).length === 0) throw termsLinksRequired();
    const links = input.Links !== undefined ? checkLinks(input.Links) : undefined;
    const updated = await store.transaction(async (tx) => {
      const current = await tx.terms.get(ctx.pool.id, input.TermsId!);
      if (!current) throw termsNotFound();
      const next: TermsRecord = {
        ...current,
        name: input.TermsName ?? current.name,
        source: input.TermsSource ?? current.source,
        enforcement: input.Enforcement ?? current.enforcement,
        links: links ?? current.links,
        lastModifiedAt: clock.now(),
      };
      // Looked for first: a unique violation would end a PostgreSQL transaction.
      if (next.name !== current.name && (await tx.terms.forClient(ctx.pool.id, current.clientId)).some((t) => t.name === next.name)) throw termsExists(next.name, next.clientId);
      try {
        if (!(await tx.terms.update(next))) throw termsNotFound();
      } catch (e) {
        if (e instanceof StoreConflict) throw termsExists(next.name, next.clientId);
        throw e;
      }
      return next;
    });
    return { Terms: describeTerms(updated) };
  },
);
