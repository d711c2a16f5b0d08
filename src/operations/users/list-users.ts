import type { ListUsersRequest, ListUsersResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { PoolConfig } from '../../domain/pool.ts';
import { standardAttributes } from '../../domain/schema.ts';
import { filterKey, parseUserFilter } from '../../domain/user-filter.ts';
import { describeUser, searchForm } from '../../domain/user.ts';
import { compact, type Wire } from '../../domain/wire.ts';
import { invalidPagingMarker, unknownRequestedAttributes } from '../../errors/index.ts';
import { BadCursor } from '../../storage/repositories/paging.ts';
import { poolOperation } from '../operation.ts';

/** AWS's page size when Limit is absent (or 0); 60 is also the most it allows. */
const DEFAULT_LIMIT = 60;

export default poolOperation<ListUsersRequest, Wire<ListUsersResponse>, 'store'>('ListUsers', async ({ store }, input, ctx) => {
  const { pool } = ctx;
  const parsed = parseUserFilter(input.Filter);
  const filter = parsed && { ...parsed, value: searchForm(pool.config, parsed.attr, parsed.value) };
  const only = input.AttributesToGet;
  if (only) checkRequested(pool.config, only);
  const key = filterKey(filter);
  // AWS ties a token to the request that produced it: a token used with another filter is refused.
  const badMarker = () => invalidPagingMarker(input.PaginationToken!, ctx.requestId);
  const after = input.PaginationToken === undefined ? undefined : openToken(input.PaginationToken, key);
  if (after === null) throw badMarker();
  let page;
  try {
    page = await store.users.list(pool.id, filter, { limit: input.Limit || DEFAULT_LIMIT, after });
  } catch (e) {
    if (e instanceof BadCursor) throw badMarker();
    throw e;
  }
  return compact({
    Users: page.items.map((u) => describeUser(u, only)),
    PaginationToken: page.next === undefined ? undefined : sealToken(key, page.next),
  });
});

/** Names in AttributesToGet must be attributes of the pool's schema (standard or custom). */
function checkRequested(config: PoolConfig, names: string[]): void {
  const known = new Set((config.SchemaAttributes ?? standardAttributes()).map((a) => a.Name));
  if (names.some((n) => !known.has(n))) throw unknownRequestedAttributes();
}

const sealToken = (filter: string, next: string) => Buffer.from(JSON.stringify(['lu1', filter, next])).toString('base64url');

/** The store's position inside a token this listing issued for the same filter; null otherwise. */
function openToken(token: string, filter: string): string | null {
  try {
    const [tag, f, next] = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    return tag === 'lu1' && f === filter && typeof next === 'string' ? next : null;
  } catch {
    return null;
  }
}
