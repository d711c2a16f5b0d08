import type { AdminListUserAuthEventsRequest, AdminListUserAuthEventsResponse } from '@aws-sdk/client-cognito-identity-provider';
import { describeAuthEvent } from '../../domain/auth-event.ts';
import { compact, type Wire } from '../../domain/wire.ts';
import { listPage } from '../../services/directory/paging.ts';
import { requireUser } from '../../services/directory/users.ts';
import { poolOperation } from '../operation.ts';
import { requireThreatProtection } from './require-threat-protection.ts';

/** A user's auth events, newest first, `MaxResults` (at most 60, the default) a page. */
export default poolOperation<AdminListUserAuthEventsRequest, Wire<AdminListUserAuthEventsResponse>, 'store'>('AdminListUserAuthEvents', async ({ store }, input, ctx) => {
  requireThreatProtection(ctx.pool);
  const user = await requireUser(store, ctx.pool, input.Username!);
  const page = await listPage({ limit: input.MaxResults || 60, after: input.NextToken }, (p) => store.authEvents.list(ctx.pool.id, user.sub, p));
  return compact({ AuthEvents: page.items.map(describeAuthEvent), NextToken: page.next });
});
