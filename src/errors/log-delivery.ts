/**
 * SetLogDeliveryConfiguration's rules, as AWS documents them
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/exporting-quotas-and-usage.html):
 * message-delivery logs are `userNotification` at ERROR to CloudWatch Logs only; user-activity
 * logs are `userAuthEvents` at INFO to one of CloudWatch Logs, Firehose or S3, on the Plus plan.
 * AWS does not publish its wording: these are Cognate's.
 */
import { CognitoError } from './cognito-error.ts';

const invalidParameter = (message: string) => new CognitoError('InvalidParameterException', message);

export const logLevelForSource = (source: string, level: string) => invalidParameter(`Log level ${level} is not available for ${source} logs: userNotification logs are ERROR, userAuthEvents logs are INFO.`);
export const oneLogDestination = (source: string) =>
  invalidParameter(`A ${source} log configuration needs exactly one destination: CloudWatchLogsConfiguration, FirehoseConfiguration or S3Configuration.`);
export const notificationLogsToCloudWatch = () => invalidParameter('userNotification logs can be sent only to CloudWatchLogsConfiguration.');
export const repeatedLogSource = (source: string) => invalidParameter(`LogConfigurations may hold one configuration for ${source}.`);
/** `member` is LogGroupArn, StreamArn or BucketArn; `expected` the kind of resource it names. */
export const logDestinationArn = (member: string, arn: string, expected: string) => invalidParameter(`${member} ${arn} is not the ARN of ${expected}.`);
export const userActivityLogsNeedPlus = () =>
  new CognitoError('FeatureUnavailableInTierException', 'Exporting userAuthEvents logs requires the PLUS feature plan.');
