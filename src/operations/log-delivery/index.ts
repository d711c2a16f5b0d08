import type { Operation } from '../operation.ts';
import getLogDeliveryConfiguration from './get-log-delivery-configuration.ts';
import setLogDeliveryConfiguration from './set-log-delivery-configuration.ts';

/** Where a pool exports its message-delivery and user-activity logs. */
export const operations: Operation[] = [setLogDeliveryConfiguration, getLogDeliveryConfiguration];
