import type { GroupRecord } from '../../domain/group.ts';
import type { Page, PageRequest } from './paging.ts';

/** A pool's groups and their members. */
export interface GroupRepository {
  /** Fails with StoreConflict when the name exists. */
  create(group: GroupRecord): Promise<void>;
  get(poolId: string, name: string): Promise<GroupRecord | undefined>;
  update(group: GroupRecord): Promise<boolean>;
  /** Deletes the group and its memberships. */
  delete(poolId: string, name: string): Promise<boolean>;
  list(poolId: string, page: PageRequest): Promise<Page<GroupRecord>>;
  /** Idempotent. */
  addMember(poolId: string, name: string, sub: string): Promise<void>;
  removeMember(poolId: string, name: string, sub: string): Promise<void>;
  /** A user's groups in name order. */
  listForUser(poolId: string, sub: string, page: PageRequest): Promise<Page<GroupRecord>>;
  /** A group's members (subs) in the order they joined. */
  listMembers(poolId: string, name: string, page: PageRequest): Promise<Page<string>>;
}
