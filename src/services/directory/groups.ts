import type { GroupRecord } from '../../domain/group.ts';
import { groupNotFound } from '../../errors/index.ts';
import type { Repositories } from '../../storage/store.ts';

/** The group a request names: it must exist. */
export async function requireGroup(repos: Pick<Repositories, 'groups'>, poolId: string, name: string): Promise<GroupRecord> {
  const g = await repos.groups.get(poolId, name);
  if (!g) throw groupNotFound();
  return g;
}
