import type { GroupType } from '@aws-sdk/client-cognito-identity-provider';
import { notFound } from '../errors.ts';
import type { GroupRecord, Repositories } from '../storage/types.ts';
import { compact, epochSeconds, type Wire } from './wire.ts';

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

export const groupNotFound = () => notFound('Group not found.');

export async function requireGroup(repos: Pick<Repositories, 'groups'>, poolId: string, name: string): Promise<GroupRecord> {
  const g = await repos.groups.get(poolId, name);
  if (!g) throw groupNotFound();
  return g;
}
