import type { AdminUpdateAuthEventFeedbackRequest, AdminUpdateAuthEventFeedbackResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { Wire } from '../../domain/wire.ts';
import { authEventNotFound } from '../../errors/index.ts';
import { requireUser } from '../../services/directory/users.ts';
import { poolOperation } from '../operation.ts';
import { requireThreatProtection } from './require-threat-protection.ts';

/**
 * An administrator's feedback on an event: Valid makes its address and device known for the
 * user's later sign-ins, Invalid keeps them unknown (docs/threat-protection.md). No token needed.
 */
export default poolOperation<AdminUpdateAuthEventFeedbackRequest, Wire<AdminUpdateAuthEventFeedbackResponse>, 'store' | 'clock'>(
  'AdminUpdateAuthEventFeedback',
  async ({ store, clock }, input, ctx) => {
    requireThreatProtection(ctx.pool);
    const user = await requireUser(store, ctx.pool, input.Username!);
    const set = await store.authEvents.setFeedback(ctx.pool.id, user.sub, input.EventId!, { value: input.FeedbackValue!, provider: 'Admin', at: clock.now() });
    if (!set) throw authEventNotFound();
    return {};
  },
);
