/**
 * Log export through the AWS SDK for JavaScript v3: SetLogDeliveryConfiguration and
 * GetLogDeliveryConfiguration, and the records Cognate writes to its own log stream. AWS's rules
 * and record shapes (https://docs.aws.amazon.com/cognito/latest/developerguide/exporting-quotas-and-usage.html):
 * userNotification logs are ERROR, to CloudWatch Logs only; userAuthEvents logs are INFO, to one of
 * CloudWatch Logs, Firehose or S3, on the Plus plan (FeatureUnavailableInTierException, which
 * the API model lists for SetLogDeliveryConfiguration); a message-delivery record is
 * {eventTimestamp, eventSource: USER_NOTIFICATION, logLevel: ERROR, message: {details}, logSourceId: {userPoolId}}.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  InitiateAuthCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  GetLogDeliveryConfigurationCommand,
  SetLogDeliveryConfigurationCommand,
  UpdateUserPoolCommand,
  type LogConfigurationType,
} from '@aws-sdk/client-cognito-identity-provider';
import { pino } from 'pino';
import { createApp, type App } from '../../src/app/app.ts';
import { loadConfig } from '../../src/app/config/load.ts';
import { DeliveryError, type Channel } from '../../src/services/delivery/channels/types.ts';
import type { LogDeliveryLine } from '../../src/services/log-delivery/exporter.ts';
import { rejectsWith } from '../support/testbed.ts';

const LOG_GROUP = 'arn:aws:logs:us-east-1:123456789012:log-group:cognito-exported';
const STREAM = 'arn:aws:firehose:us-east-1:123456789012:deliverystream/user-activity';
const BUCKET = 'arn:aws:s3:::amzn-s3-demo-logging-bucket';
const notifications: LogConfigurationType = { EventSource: 'userNotification', LogLevel: 'ERROR', CloudWatchLogsConfiguration: { LogGroupArn: LOG_GROUP } };

/** An email channel that refuses every message, as a mail server refusing the recipient would. */
const refusing: Channel = {
  name: 'broken', type: 'webhook',
  send: () => Promise.reject(new DeliveryError('550 mailbox unavailable', true)),
  close: () => Promise.resolve(),
};

describe('log delivery', () => {
  let app: App;
  let cognito: CognitoIdentityProviderClient;
  let dir: string;
  const lines: Record<string, unknown>[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cognate-logs-'));
    const configFile = join(dir, 'cognate.json');
    writeFileSync(configFile, JSON.stringify({
      delivery: { mode: 'route', channels: { broken: { type: 'webhook', url: 'http://127.0.0.1:9/', secret: 's' } }, defaultEmail: { channel: 'broken' }, waitMs: 500 },
    }));
    const sink = new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(JSON.parse(chunk.toString())), done()) });
    app = await createApp(
      loadConfig(['--config', configFile, '--db', join(dir, 'db.sqlite'), '--port', '0'], {}),
      { logger: pino({ level: 'info' }, sink), channels: new Map([['broken', refusing]]) },
    );
    const url = await app.listen();
    cognito = new CognitoIdentityProviderClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, maxAttempts: 1 });
  });
  after(async () => {
    cognito.destroy();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const newPool = async (tier?: 'LITE' | 'ESSENTIALS' | 'PLUS') => (await cognito.send(new CreateUserPoolCommand({ PoolName: 'logs', UserPoolTier: tier }))).UserPool!.Id!;
  const set = (UserPoolId: string, LogConfigurations: LogConfigurationType[]) => cognito.send(new SetLogDeliveryConfigurationCommand({ UserPoolId, LogConfigurations }));
  const get = async (UserPoolId: string) => (await cognito.send(new GetLogDeliveryConfigurationCommand({ UserPoolId }))).LogDeliveryConfiguration;
  const exported = () => lines.filter((l) => l.logDelivery).map((l) => ({ level: l.level as number, ...(l.logDelivery as LogDeliveryLine) }));

  it('sets, reads back and clears a pool\'s configuration; UpdateUserPool keeps it and DescribeUserPool does not show it', async () => {
    const pool = await newPool('PLUS');
    // Nothing configured: the id alone, which Terraform's provider reads as no configuration.
    assert.deepEqual(await get(pool), { UserPoolId: pool });
    const activity: LogConfigurationType = { EventSource: 'userAuthEvents', LogLevel: 'INFO', FirehoseConfiguration: { StreamArn: STREAM } };
    const answer = await set(pool, [notifications, activity]);
    assert.deepEqual(answer.LogDeliveryConfiguration, { UserPoolId: pool, LogConfigurations: [notifications, activity] });
    assert.deepEqual(await get(pool), { UserPoolId: pool, LogConfigurations: [notifications, activity] });
    await cognito.send(new UpdateUserPoolCommand({ UserPoolId: pool, UserPoolTier: 'PLUS' }));
    assert.deepEqual((await get(pool))!.LogConfigurations, [notifications, activity]);
    const described = (await cognito.send(new DescribeUserPoolCommand({ UserPoolId: pool }))).UserPool as Record<string, unknown>;
    assert.equal(described.LogDelivery, undefined);
    await set(pool, [{ EventSource: 'userAuthEvents', LogLevel: 'INFO', S3Configuration: { BucketArn: BUCKET } }]);
    assert.deepEqual((await get(pool))!.LogConfigurations, [{ EventSource: 'userAuthEvents', LogLevel: 'INFO', S3Configuration: { BucketArn: BUCKET } }]);
    assert.deepEqual((await set(pool, [])).LogDeliveryConfiguration, { UserPoolId: pool });
    assert.deepEqual(await get(pool), { UserPoolId: pool });
  });

  it('refuses what AWS refuses: the wrong level, destination or ARN, a source twice, user activity below Plus', async () => {
    const pool = await newPool('ESSENTIALS');
    const invalid = (configs: LogConfigurationType[], message: RegExp) => rejectsWith(set(pool, configs), 'InvalidParameterException', message);
    await invalid([{ ...notifications, LogLevel: 'INFO' }], /Log level INFO is not available for userNotification logs/);
    await invalid([{ EventSource: 'userNotification', LogLevel: 'ERROR', S3Configuration: { BucketArn: BUCKET } }], /only to CloudWatchLogsConfiguration/);
    await invalid([{ EventSource: 'userNotification', LogLevel: 'ERROR' }], /exactly one destination/);
    await invalid([{ ...notifications, FirehoseConfiguration: { StreamArn: STREAM } }], /exactly one destination/);
    await invalid([notifications, notifications], /one configuration for userNotification/);
    await invalid([{ ...notifications, CloudWatchLogsConfiguration: { LogGroupArn: STREAM } }], /is not the ARN of a CloudWatch Logs log group/);
    await invalid([{ EventSource: 'userAuthEvents', LogLevel: 'INFO', FirehoseConfiguration: { StreamArn: LOG_GROUP } }], /is not the ARN of a Firehose stream/);
    await rejectsWith(set(pool, [{ EventSource: 'userAuthEvents', LogLevel: 'INFO', S3Configuration: { BucketArn: BUCKET } }]), 'FeatureUnavailableInTierException');
    await rejectsWith(set(pool, [{ EventSource: 'userAuthEvents' as never, LogLevel: 'WARN' as never, S3Configuration: { BucketArn: BUCKET } }]), 'InvalidParameterException', /logLevel/);
    await rejectsWith(set('us-east-1_nothere00', [notifications]), 'ResourceNotFoundException', 'User pool us-east-1_nothere00 does not exist.');
    assert.equal((await get(pool))!.LogConfigurations, undefined);
  });

  it('writes a USER_NOTIFICATION error record when a message cannot be delivered, only for a pool that exports them', async () => {
    const exporting = await newPool();
    const quiet = await newPool();
    await set(exporting, [notifications]);
    const invite = (pool: string, name: string) =>
      cognito.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: name, DesiredDeliveryMediums: ['EMAIL'], UserAttributes: [{ Name: 'email', Value: `${name}@example.com` }] }));
    await invite(exporting, 'alice').catch(() => {});
    await invite(quiet, 'bob').catch(() => {});
    await new Promise((r) => setTimeout(r, 300));
    const records = exported().filter((l) => l.eventSource === 'userNotification');
    assert.equal(records.length, 1, JSON.stringify(records));
    const [line] = records;
    assert.equal(line.level, 50, 'written at pino\'s error level');
    assert.deepEqual(line.destination, { CloudWatchLogsConfiguration: { LogGroupArn: LOG_GROUP } });
    assert.deepEqual(Object.keys(line.record), ['eventTimestamp', 'eventSource', 'logLevel', 'message', 'logSourceId']);
    assert.equal(line.record.eventSource, 'USER_NOTIFICATION');
    assert.equal(line.record.logLevel, 'ERROR');
    assert.match(line.record.eventTimestamp, /^\d{13}$/);
    assert.deepEqual(line.record.logSourceId, { userPoolId: exporting });
    const details = line.record.message.details as string;
    assert.match(details, /^Could not deliver the email message \S+ \(attempt 1, not retried\): 550 mailbox unavailable$/);
    // Neither the address nor the temporary password is in the record.
    assert.doesNotMatch(JSON.stringify(line), /alice@example\.com/);
  });

  it('writes a USER_ACTIVITY record for each auth event of a Plus pool with threat protection that exports them', async () => {
    const pool = await newPool('PLUS');
    await cognito.send(new UpdateUserPoolCommand({ UserPoolId: pool, UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' } }));
    await set(pool, [{ EventSource: 'userAuthEvents', LogLevel: 'INFO', FirehoseConfiguration: { StreamArn: STREAM } }]);
    const client = (await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: pool, ClientName: 'c', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }))).UserPoolClient!.ClientId!;
    await cognito.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: 'carol', MessageAction: 'SUPPRESS' }));
    await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: pool, Username: 'carol', Password: 'Passw0rd!', Permanent: true }));
    await cognito.send(new InitiateAuthCommand({ ClientId: client, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'carol', PASSWORD: 'Passw0rd!' } }));
    const records = exported().filter((l) => l.eventSource === 'userAuthEvents' && (l.record.message as Record<string, unknown>).userName === 'carol');
    assert.equal(records.length, 1, JSON.stringify(records));
    const [line] = records;
    assert.deepEqual(line.destination, { FirehoseConfiguration: { StreamArn: STREAM } });
    assert.equal(line.record.eventSource, 'USER_ACTIVITY');
    const message = line.record.message as Record<string, unknown>;
    assert.deepEqual([message.eventType, message.eventResponse, message.userPoolId], ['SignIn', 'Pass', pool]);
    assert.match(String(message.ipAddress), /127\.0\.0\.1/);
  });
});
