import type { PoolDomainRecord } from '../../domain/pool-domain.ts';
import type { ResourceScope, ResourceServerRecord } from '../../domain/resource-server.ts';
import type { Row } from './rows.ts';

export function poolDomainFromRow(r: Row): PoolDomainRecord {
  return {
    domain: r.domain as string,
    poolId: r.pool_id as string,
    kind: r.kind === 'custom' ? 'custom' : 'prefix',
    certificateArn: (r.certificate_arn as string | null) ?? null,
    managedLoginVersion: Number(r.managed_login_version),
    cloudFront: r.cloud_front as string,
    lastModifiedAt: Number(r.last_modified_at),
  };
}

export function resourceServerFromRow(r: Row): ResourceServerRecord {
  return {
    poolId: r.pool_id as string,
    identifier: r.identifier as string,
    name: r.name as string,
    scopes: JSON.parse(r.scopes as string) as ResourceScope[],
    createdAt: Number(r.created_at),
  };
}
