import type { CreateUserPoolDomainRequest, CreateUserPoolDomainResponse } from '@aws-sdk/client-cognito-identity-provider';
import { checkDomainName, cloudFrontHost, managedLoginVersion, type PoolDomainRecord } from '../../domain/pool-domain.ts';
import { compact, type Wire } from '../../domain/wire.ts';
import { domainTaken, poolHasDomain } from '../../errors/index.ts';
import { requirePool } from '../../services/directory/pools.ts';
import { StoreConflict } from '../../storage/repositories/conflicts.ts';
import { poolOperation } from '../operation.ts';

/**
 * A prefix domain, or with CustomDomainConfig a custom one; a name is the server's once (AWS: the
 * region's), and a pool holds one domain of each kind. Only a custom domain answers a CloudFrontDomain:
 * the host its owner points a CNAME at.
 */
export default poolOperation<CreateUserPoolDomainRequest, Wire<CreateUserPoolDomainResponse>, 'store' | 'clock' | 'random'>(
  'CreateUserPoolDomain',
  async ({ store, clock, random }, input, ctx) => {
    const custom = input.CustomDomainConfig !== undefined;
    checkDomainName(input.Domain!, custom);
    const record: PoolDomainRecord = {
      domain: input.Domain!,
      poolId: ctx.pool.id,
      kind: custom ? 'custom' : 'prefix',
      certificateArn: input.CustomDomainConfig?.CertificateArn ?? null,
      managedLoginVersion: managedLoginVersion(input.ManagedLoginVersion),
      cloudFront: cloudFrontHost(random.bytes(13)),
      lastModifiedAt: clock.now(),
    };
    await store.transaction(async (tx) => {
      await requirePool(tx, ctx.pool.id);
      if (await tx.poolDomains.get(record.domain)) throw domainTaken();
      try {
        await tx.poolDomains.create(record);
      } catch (e) {
        // The name was free a moment ago: the pool's own domain of this kind is what is in the way.
        if (e instanceof StoreConflict) throw (await tx.poolDomains.get(record.domain)) ? domainTaken() : poolHasDomain();
        throw e;
      }
    });
    return compact({ CloudFrontDomain: custom ? record.cloudFront : undefined, ManagedLoginVersion: record.managedLoginVersion });
  },
);
