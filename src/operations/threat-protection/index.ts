import type { Operation } from '../operation.ts';
import adminListUserAuthEvents from './admin-list-user-auth-events.ts';
import adminUpdateAuthEventFeedback from './admin-update-auth-event-feedback.ts';
import describeRiskConfiguration from './describe-risk-configuration.ts';
import setRiskConfiguration from './set-risk-configuration.ts';
import updateAuthEventFeedback from './update-auth-event-feedback.ts';

/** Threat protection: the event history, feedback on it, and the risk configuration. */
export const operations: Operation[] = [adminListUserAuthEvents, adminUpdateAuthEventFeedback, describeRiskConfiguration, setRiskConfiguration, updateAuthEventFeedback];
