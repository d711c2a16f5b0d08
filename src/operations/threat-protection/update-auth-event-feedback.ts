import type { UpdateAuthEventFeedbackRequest, UpdateAuthEventFeedbackResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { Wire } from '../../domain/wire.ts';
import { requireUser } from '../../services/directory/users.ts';
import { poolOperation } from '../operation.ts';
import { requireThreatProtection } from './require-threat-protection.ts';

/**
 * Unsigned: the user's feedback on an event, with the FeedbackToken the risk notification's links
 * carry. The token is checked in constant time and works once (services/threat/recorder.ts).
 */
export default poolOperation<UpdateAuthEventFeedbackRequest, Wire<UpdateAuthEventFeedbackResponse>, 'store' | 'threat'>(
  'UpdateAuthEventFeedback',
  async ({ store, threat }, input, ctx) => {
    requireThreatProtection(ctx.pool);
    const user = await requireUser(store, ctx.pool, input.Username!);
    await threat.feedbackWithToken(ctx.pool, user, input.EventId!, input.FeedbackToken!, input.FeedbackValue!);
    return {};
  },
);
