/**
 * A pool's log export configuration (SetLogDeliveryConfiguration): which logs go where. Rules from
 * https://docs.aws.amazon.com/cognito/latest/developerguide/exporting-quotas-and-usage.html:
 * "Message-delivery logs are of the userNotification type and of the ERROR errorlevel. Advanced
 * security user activity logs are of the userAuthEvents type and of the INFO errorlevel", one
 * configuration of each; "You can't send user-activity logs to multiple destinations. You can't send
 * user-notification logs to any destination other than CloudWatch Logs"; user-activity export needs
 * the Plus feature plan.
 */
import type { LogConfigurationType, LogDeliveryConfigurationType } from '@aws-sdk/client-cognito-identity-provider';
import { logDestinationArn, logLevelForSource, notificationLogsToCloudWatch, oneLogDestination, repeatedLogSource, userActivityLogsNeedPlus } from '../errors/index.ts';
import type { PoolConfig } from './pool.ts';
import type { Wire } from './wire.ts';

export type LogConfiguration = Wire<LogConfigurationType>;
export type LogSource = 'userNotification' | 'userAuthEvents';

const LEVEL: Record<LogSource, string> = { userNotification: 'ERROR', userAuthEvents: 'INFO' };

// The model checks each ARN's general shape; these check it names the right kind of resource.
const LOG_GROUP = /^arn:[^:]+:logs:[^:]+:[0-9]+:log-group:[^:]+(:\*)?$/;
const STREAM = /^arn:[^:]+:firehose:[^:]+:[0-9]+:deliverystream\/.+$/;
const BUCKET = /^arn:[^:]+:s3:::[^/]+$/;

function checkDestination(c: LogConfiguration): void {
  const given = [c.CloudWatchLogsConfiguration, c.FirehoseConfiguration, c.S3Configuration].filter((d) => d !== undefined);
  if (given.length !== 1) throw oneLogDestination(c.EventSource!);
  if (c.EventSource === 'userNotification' && !c.CloudWatchLogsConfiguration) throw notificationLogsToCloudWatch();
  const cw = c.CloudWatchLogsConfiguration?.LogGroupArn;
  if (c.CloudWatchLogsConfiguration && !(cw && LOG_GROUP.test(cw))) throw logDestinationArn('LogGroupArn', String(cw), 'a CloudWatch Logs log group');
  const stream = c.FirehoseConfiguration?.StreamArn;
  if (c.FirehoseConfiguration && !(stream && STREAM.test(stream))) throw logDestinationArn('StreamArn', String(stream), 'a Firehose stream');
  const bucket = c.S3Configuration?.BucketArn;
  if (c.S3Configuration && !(bucket && BUCKET.test(bucket))) throw logDestinationArn('BucketArn', String(bucket), 'an S3 bucket');
}

/** Refuses a configuration AWS would refuse; an empty list turns log export off. */
export function checkLogConfigurations(configs: LogConfiguration[], pool: PoolConfig): void {
  const seen = new Set<string>();
  for (const c of configs) {
    const source = c.EventSource as LogSource;
    if (seen.has(source)) throw repeatedLogSource(source);
    seen.add(source);
    if (c.LogLevel !== LEVEL[source]) throw logLevelForSource(source, c.LogLevel!);
    checkDestination(c);
    if (source === 'userAuthEvents' && pool.UserPoolTier !== 'PLUS') throw userActivityLogsNeedPlus();
  }
}

/** Where the pool exports `source` logs, if it does. */
export const logConfigurationFor = (pool: PoolConfig, source: LogSource): LogConfiguration | undefined =>
  pool.LogDelivery?.find((c) => c.EventSource === source);

/** The configuration as the two operations answer it: LogConfigurations left out when there is none (see get-log-delivery-configuration.ts). */
export const describeLogDelivery = (poolId: string, configs: LogConfiguration[]): Wire<LogDeliveryConfigurationType> =>
  (configs.length ? { UserPoolId: poolId, LogConfigurations: configs } : { UserPoolId: poolId }) as Wire<LogDeliveryConfigurationType>;
