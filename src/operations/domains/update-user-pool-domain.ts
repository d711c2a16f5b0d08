import type { UpdateUserPoolDomainRequest, UpdateUserPoolDomainResponse } from '@aws-sdk/client-cognito-identity-provider';
import { managedLoginVersion } from '../../domain/pool-domain.ts';
import { compact, type Wire } from '../../domain/wire.ts';
import { customConfigOnPrefixDomain, noSuchDomain } from '../../errors/index.ts';
import { poolOperation } from '../operation.ts';

/**
 * A custom domain's certificate and either domain's managed login version; what is left out stays.
 * The domain must be the named pool's.
 */
export default poolOperation<UpdateUserPoolDomainRequest, Wire<UpdateUserPoolDomainResponse>, 'store' | 'clock'>(
  'UpdateUserPoolDomain',
  async ({ store, clock }, input, ctx) => {
    const updated = await store.transaction(async (tx) => {
      const current = await tx.poolDomains.get(input.Domain!);
      if (!current || current.poolId !== ctx.pool.id) throw noSuchDomain();
      if (input.CustomDomainConfig && current.kind === 'prefix') throw customConfigOnPrefixDomain();
      const next = {
        ...current,
        certificateArn: input.CustomDomainConfig?.CertificateArn ?? current.certificateArn,
        managedLoginVersion: managedLoginVersion(input.ManagedLoginVersion, current.managedLoginVersion),
        lastModifiedAt: clock.now(),
      };
      if (!(await tx.poolDomains.update(next))) throw noSuchDomain();
      return next;
    });
    return compact({
      CloudFrontDomain: updated.kind === 'custom' ? updated.cloudFront : undefined,
      ManagedLoginVersion: updated.managedLoginVersion,
    });
  },
);
