import type { GroupType } from '@aws-sdk/client-cognito-identity-provider';
import { compact, epochSeconds, type Wire } from './wire.ts';

/** A group as the store keeps it. */
export interface GroupRecord {
  poolId: string;
  name: string;
  description: string | null;
  roleArn: string | null;
  precedence: number | null;
  createdAt: number;
  lastModifiedAt: number;
}

/** The GroupType every group operation returns; members that are not set are left out, as AWS does. */
export function describeGroup(g: GroupRecord): Wire<GroupType> {
  return compact({
    GroupName: g.name,
    UserPoolId: g.poolId,
    Description: g.description ?? undefined,
    RoleArn: g.roleArn ?? undefined,
    Precedence: g.precedence ?? undefined,
    LastModifiedDate: epochSeconds(g.lastModifiedAt),
    CreationDate: epochSeconds(g.createdAt),
  });
}
